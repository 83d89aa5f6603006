//! A storage failure, its cause kept.

/// A storage failure, its cause kept (logged as a chain, never sent).
#[derive(Debug)]
pub enum StoreError {
    /// A uniqueness, foreign-key or check rule refused the change (matched by error kind,
    /// not by constraint name).
    Constraint(sqlx::Error),
    Database(sqlx::Error),
    /// The database file or its directory.
    File(std::path::PathBuf, std::io::Error),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Constraint(_) => f.write_str("storage constraint"),
            StoreError::Database(_) => f.write_str("database"),
            StoreError::File(path, _) => write!(f, "database file {}", path.display()),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Constraint(e) | StoreError::Database(e) => Some(e),
            StoreError::File(_, e) => Some(e),
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        use sqlx::error::ErrorKind;
        let constraint = e.as_database_error().is_some_and(|d| {
            matches!(
                d.kind(),
                ErrorKind::UniqueViolation
                    | ErrorKind::ForeignKeyViolation
                    | ErrorKind::NotNullViolation
                    | ErrorKind::CheckViolation
            )
        });
        if constraint {
            StoreError::Constraint(e)
        } else {
            StoreError::Database(e)
        }
    }
}

/// Whether SQLite refused at once because another connection held a lock it needed
/// (`SQLITE_BUSY` and its extended codes: the primary code is the low byte).
pub(super) fn is_busy(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .and_then(|d| d.code())
        .and_then(|code| code.parse::<i32>().ok())
        .is_some_and(|code| code & 0xff == 5)
}

pub type StoreResult<T> = Result<T, StoreError>;
