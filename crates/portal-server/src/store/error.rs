//! A storage failure, its cause kept.

/// A storage failure, its cause kept (logged as a chain, never sent).
#[derive(Debug)]
pub enum StoreError {
    /// A uniqueness or foreign-key rule refused the change (matched by error kind,
    /// not by constraint name).
    Constraint(rusqlite::Error),
    Database(rusqlite::Error),
    /// The database file or its directory.
    File(std::path::PathBuf, std::io::Error),
    /// The blocking worker failed (a panic in a query, a poisoned connection lock).
    Worker(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Constraint(_) => f.write_str("storage constraint"),
            StoreError::Database(_) => f.write_str("database"),
            StoreError::File(path, _) => write!(f, "database file {}", path.display()),
            StoreError::Worker(what) => write!(f, "storage worker: {what}"),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Constraint(e) | StoreError::Database(e) => Some(e),
            StoreError::File(_, e) => Some(e),
            StoreError::Worker(_) => None,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) {
            StoreError::Constraint(e)
        } else {
            StoreError::Database(e)
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
