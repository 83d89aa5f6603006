//! Command line and environment configuration of the reference server.

use crate::{clock::SystemClock, seed, store::Store, AppState, HttpOptions, Settings};
use clap::{Args, Parser, Subcommand};
use std::{net::SocketAddr, path::PathBuf, process::ExitCode, sync::Arc};

#[derive(Debug, Parser)]
#[command(name = "portal-server", about = "Reference back end of the developer portal")]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "PORTAL_ADDR", default_value = "127.0.0.1:8080", global = true)]
    pub addr: SocketAddr,
    /// Where the data lives: a SQLite file (created with its schema on first start), or a
    /// PostgreSQL URL (`postgres://user:password@host/db`) that several replicas share.
    #[arg(
        long,
        env = "PORTAL_DATABASE",
        default_value = "data/portal.sqlite3",
        global = true
    )]
    pub database: String,
    /// Database connections this process keeps open at most.
    #[arg(long, env = "PORTAL_DATABASE_POOL_SIZE", default_value_t = 8, global = true)]
    pub database_pool_size: u32,
    /// PostgreSQL: the longest one statement may run, in seconds, before it is cancelled.
    #[arg(long, env = "PORTAL_STATEMENT_TIMEOUT", default_value_t = 30, global = true)]
    pub statement_timeout_secs: u64,
    /// How long, in seconds, a request waits for a free database connection, and the start
    /// for the database to answer (replicas may start before it).
    #[arg(long, env = "PORTAL_DATABASE_TIMEOUT", default_value_t = 30, global = true)]
    pub database_timeout_secs: u64,
    /// The built SPA to serve (Trunk's `dist/`); without it the server answers the API only.
    #[arg(long, env = "PORTAL_DIST", global = true)]
    pub dist: Option<PathBuf>,
    /// How long one request may take, reading its body included, in seconds.
    #[arg(
        long,
        env = "PORTAL_REQUEST_TIMEOUT_SECS",
        default_value_t = 30,
        global = true
    )]
    pub request_timeout_secs: u64,
    /// How long a client may take to send a request's headers (and an idle connection may
    /// stay open), in seconds.
    #[arg(long, env = "PORTAL_HEADER_TIMEOUT_SECS", default_value_t = 10, global = true)]
    pub header_timeout_secs: u64,
    /// Test only: lets tests inject faults through `/api/_faults`. Never in production.
    #[arg(long, env = "PORTAL_TEST_FAULTS", hide = true, global = true)]
    pub test_faults: bool,
    /// Public URL of the portal, the base of every link in e-mails. Defaults to http://ADDR/.
    #[arg(long, env = "PORTAL_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Origins allowed to call the API from another host (comma-separated).
    #[arg(
        long = "cors-origin",
        env = "PORTAL_CORS_ORIGINS",
        value_delimiter = ',',
        global = true
    )]
    pub cors_origins: Vec<String>,
    /// The operator's own proxies in front of this server (a load balancer): addresses or
    /// CIDR ranges, comma-separated. From them, the client is read from X-Forwarded-For.
    #[arg(
        long = "trusted-proxy",
        env = "PORTAL_TRUSTED_PROXIES",
        value_delimiter = ',',
        global = true
    )]
    pub trusted_proxies: Vec<String>,
    /// How long a replaced AppSecret keeps working after a reset, in hours.
    #[arg(long, env = "PORTAL_SECRET_GRACE_HOURS", default_value_t = 24, global = true)]
    pub secret_grace_hours: i64,
    /// Successful credential checks a day an app in test may make (online apps: no limit).
    #[arg(long, env = "PORTAL_TEST_DAILY_CALLS", default_value_t = 5_000, global = true)]
    pub test_daily_calls: u64,
    /// Sellers who may authorise an app in test.
    #[arg(
        long,
        env = "PORTAL_TEST_AUTHORISED_SELLERS",
        default_value_t = 10,
        global = true
    )]
    pub test_authorised_sellers: u64,
    /// Maximum age of an AppSecret in days (8 to 3650): the secret in force stops working
    /// this long after it was issued, and its developer is e-mailed 7 days before. Unset,
    /// secrets work until they are reset.
    #[arg(
        long,
        env = "PORTAL_MAX_SECRET_AGE_DAYS",
        value_parser = clap::value_parser!(u32).range(8..=3650),
        global = true
    )]
    pub max_secret_age_days: Option<u32>,
    /// SMTP relay (host:port) to send e-mails through; without it they stay in the outbox table.
    #[arg(long, env = "PORTAL_SMTP_RELAY", global = true)]
    pub smtp_relay: Option<String>,
    /// Sender address of e-mails sent through the relay.
    #[arg(
        long,
        env = "PORTAL_MAIL_FROM",
        default_value = "developer-portal@localhost",
        global = true
    )]
    pub mail_from: String,
    /// How the connection to the SMTP relay is protected: none (a relay on this host or a
    /// private network), starttls (port 587) or tls (port 465).
    #[arg(
        long,
        env = "PORTAL_SMTP_SECURITY",
        value_enum,
        default_value = "none",
        global = true
    )]
    pub smtp_security: crate::mailer::SmtpSecurity,
    /// User name at the SMTP relay, when it asks for one (with PORTAL_SMTP_PASSWORD).
    #[arg(long, env = "PORTAL_SMTP_USER", global = true)]
    pub smtp_user: Option<String>,
    /// Password at the SMTP relay: set it in the environment, not on the command line.
    #[arg(long, env = "PORTAL_SMTP_PASSWORD", hide_env_values = true, global = true)]
    pub smtp_password: Option<String>,
    /// PEM Ed25519 public key of the seller portal that embeds this one: its EdDSA-signed
    /// tokens sign its sellers in (POST /api/v1/session/host). Without it, host sign-in is off.
    #[arg(long, env = "PORTAL_HOST_TOKEN_KEY", global = true)]
    pub host_token_key: Option<PathBuf>,

    /// The `aud` a host token must carry.
    #[arg(long, env = "PORTAL_HOST_TOKEN_AUDIENCE", default_value = crate::host_token::DEFAULT_AUDIENCE, global = true)]
    pub host_token_audience: String,

    /// The `iss` a host token must carry, when set.
    #[arg(long, env = "PORTAL_HOST_TOKEN_ISSUER", global = true)]
    pub host_token_issuer: Option<String>,

    /// Key that seals stored AppSecrets (32 bytes); created beside a SQLite database if
    /// missing. Required with PostgreSQL: every replica seals with the same key.
    #[arg(long, env = "PORTAL_SECRET_KEY_FILE", global = true)]
    pub secret_key_file: Option<PathBuf>,
    /// Create the demo seller and reviewer in an empty database.
    #[arg(long, env = "PORTAL_DEMO_ACCOUNTS", default_value_t = true, action = clap::ArgAction::Set, global = true)]
    pub demo_accounts: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and the SPA (the default).
    Serve,
    /// Publish a new version of the API use agreement; every account is asked to accept it.
    PublishAgreement {
        #[arg(long)]
        title: String,
        /// File with the agreement's plain text (paragraphs separated by blank lines).
        #[arg(long)]
        body_file: PathBuf,
    },
    /// Create an account that signs in with a password.
    CreateAccount {
        /// The account name (1 to 64 characters).
        name: String,
        #[arg(long, env = "PORTAL_NEW_ACCOUNT_PASSWORD")]
        password: String,
        /// `seller` (a developer) or `reviewer`.
        #[arg(long, default_value = "seller")]
        role: String,
    },
    /// Disable an account: it can no longer sign in (it is told so once its password is
    /// right), and every session of it ends at once. Its apps and records are kept.
    DisableAccount {
        /// The account name.
        name: String,
    },
    /// Enable a disabled account again.
    EnableAccount {
        /// The account name.
        name: String,
    },
    /// Give an account a new password; every session of it ends (whoever held one may have
    /// known the old password).
    ResetPassword {
        /// The account name.
        name: String,
        #[arg(long, env = "PORTAL_NEW_ACCOUNT_PASSWORD")]
        password: String,
    },
    /// Mark these accounts' contact e-mail addresses as confirmed without the link (the
    /// address was checked another way, e.g. through the seller's support channel).
    ConfirmEmail {
        /// Account names.
        #[arg(required = true)]
        names: Vec<String>,
    },
    /// Offer an API permission group, or change one (its name and description in English,
    /// shown in every language the message files give no words for).
    PermissionGroup {
        /// The code requests and the gateway's check use: lowercase letters, digits, `_`.
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        description: String,
        /// It touches buyers' personal data or money: a request must say why.
        #[arg(long)]
        sensitive: bool,
    },
}

impl Config {
    /// How host tokens are checked, from `--host-token-key` and its companions.
    pub fn host_tokens(&self) -> Result<Option<crate::host_token::HostTokens>, String> {
        let Some(path) = &self.host_token_key else {
            return Ok(None);
        };
        let pem = std::fs::read(path).map_err(|e| format!("--host-token-key {}: {e}", path.display()))?;
        crate::host_token::HostTokens::from_pem(
            &pem,
            &self.host_token_audience,
            self.host_token_issuer.clone(),
        )
        .map(Some)
        .map_err(|e| format!("--host-token-key {}: {e}", path.display()))
    }

    /// The sealing key's file: the flag, or the SQLite file's path with `.key` added.
    pub fn secret_key_file(&self) -> Result<PathBuf, String> {
        match &self.secret_key_file {
            Some(file) => Ok(file.clone()),
            None if crate::store::is_postgres_url(&self.database) => Err(
                "--secret-key-file (or PORTAL_SECRET_KEY_FILE) is required with PostgreSQL: give \
                 every replica the same 32-byte key file"
                    .into(),
            ),
            None => Ok(PathBuf::from(format!("{}.key", self.database))),
        }
    }

    /// The trusted proxies, each checked (a typo must not trust nobody, or everybody).
    pub fn trusted_proxies(&self) -> Result<Vec<String>, String> {
        self.trusted_proxies
            .iter()
            .map(|entry| {
                let entry = entry.trim();
                portal_core::rules::ip_range(entry)
                    .map(|()| entry.to_owned())
                    .map_err(|e| format!("--trusted-proxy {entry:?}: {}", e.code))
            })
            .collect()
    }

    /// How the store connects.
    pub fn store_options(&self) -> crate::store::StoreOptions {
        crate::store::StoreOptions {
            pool_size: self.database_pool_size,
            statement_timeout: std::time::Duration::from_secs(self.statement_timeout_secs.max(1)),
            acquire_timeout: std::time::Duration::from_secs(self.database_timeout_secs.max(1)),
        }
    }

    pub fn public_url(&self) -> String {
        let url = self
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}/", self.addr));
        if url.ends_with('/') {
            url
        } else {
            format!("{url}/")
        }
    }
}

pub async fn run(cli: Cli) -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "portal_server=info,tower_http=info".into()),
        )
        // Logs on stderr; stdout says where the server runs.
        .with_writer(std::io::stderr)
        .init();
    match execute(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("portal-server: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn execute(cli: Cli) -> Result<(), String> {
    let config = cli.config;
    let store = Store::connect(&config.database, config.store_options())
        .await
        .map_err(|e| {
            format!(
                "{}: {}",
                shown_database(&config.database),
                crate::error::Chain(&e)
            )
        })?;
    let now = crate::clock::Clock::now(&SystemClock);
    seed::ensure_defaults(&store, now, config.demo_accounts).await?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::PublishAgreement { title, body_file } => {
            let body =
                std::fs::read_to_string(&body_file).map_err(|e| format!("{}: {e}", body_file.display()))?;
            let version = store
                .publish_agreement(title.trim(), body.trim(), now)
                .await
                .map_err(|e| e.to_string())?;
            println!("Published agreement version {version}.");
            Ok(())
        }
        Command::CreateAccount { name, password, role } => {
            let role = portal_core::api::Role::parse(&role)
                .ok_or_else(|| format!("role {role:?}: use seller or reviewer"))?;
            let name = name.trim();
            portal_core::rules::account_name(name).map_err(|e| format!("account name: {}", e.code))?;
            portal_core::rules::password(&password).map_err(|e| format!("password: {}", e.code))?;
            if store
                .account_by_name(name)
                .await
                .map_err(|e| e.to_string())?
                .is_some()
            {
                return Err(format!("an account named {name} already exists"));
            }
            let hash = crate::password::hash(password).await?;
            store
                .create_account(name, &hash, role, now)
                .await
                .map_err(|e| e.to_string())?;
            println!("Created {} account {name}.", role.as_str());
            Ok(())
        }
        Command::DisableAccount { name } => {
            let account = named(&store, &name).await?;
            store
                .set_disabled(account.id, Some(now))
                .await
                .map_err(|e| e.to_string())?;
            println!("Disabled {}; its sessions have ended.", account.name);
            Ok(())
        }
        Command::EnableAccount { name } => {
            let account = named(&store, &name).await?;
            store
                .set_disabled(account.id, None)
                .await
                .map_err(|e| e.to_string())?;
            println!("Enabled {}.", account.name);
            Ok(())
        }
        Command::ResetPassword { name, password } => {
            let account = named(&store, &name).await?;
            if account.from_host {
                return Err(format!(
                    "{} signs in through the seller portal that embeds this one; it has no password here",
                    account.name
                ));
            }
            portal_core::rules::password(&password).map_err(|e| format!("password: {}", e.code))?;
            let hash = crate::password::hash(password).await?;
            store
                .set_password(account.id, &hash)
                .await
                .map_err(|e| e.to_string())?;
            println!("New password set for {}; its sessions have ended.", account.name);
            Ok(())
        }
        Command::ConfirmEmail { names } => {
            for name in names {
                let account = named(&store, &name).await?;
                if !store
                    .confirm_email(account.id, now)
                    .await
                    .map_err(|e| e.to_string())?
                {
                    return Err(format!("{name} has given no developer information yet"));
                }
            }
            println!("Confirmed.");
            Ok(())
        }
        Command::PermissionGroup {
            code,
            name,
            description,
            sensitive,
        } => {
            let code = code.trim().to_owned();
            portal_core::rules::permission_group(&code).map_err(|e| format!("code: {}", e.code))?;
            let (name, description) = (name.trim().to_owned(), description.trim().to_owned());
            portal_core::rules::name(&name).map_err(|e| format!("name: {}", e.code))?;
            portal_core::rules::long_text(&description).map_err(|e| format!("description: {}", e.code))?;
            store
                .put_permission_group(crate::store::GroupRow {
                    code: code.clone(),
                    name,
                    description,
                    sensitive,
                })
                .await
                .map_err(|e| e.to_string())?;
            println!("Permission group {code} saved.");
            Ok(())
        }
        Command::Serve => serve(config, store).await,
    }
}

/// The account named `name`, or why there is none.
async fn named(store: &Store, name: &str) -> Result<crate::store::AccountRow, String> {
    store
        .account_by_name(name.trim())
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no account named {}", name.trim()))
}

async fn serve(config: Config, store: Store) -> Result<(), String> {
    if let Some(dist) = config.dist.as_ref().filter(|d| !d.join("index.html").is_file()) {
        return Err(format!(
            "{} has no index.html: build the app first (cargo xtask serve does it)",
            dist.display()
        ));
    }
    // On a SQLite file this process is the only server: nothing it had in flight survived.
    // Replicas on PostgreSQL leave a stopped one's keys to expire (see ABANDONED_SECS).
    if store.engine() == crate::store::Engine::Sqlite {
        let released = store
            .idempotency_release_all_in_progress()
            .await
            .map_err(|e| e.to_string())?;
        if released > 0 {
            tracing::info!(released, "let go of idempotency keys left by a stopped process");
        }
    }
    let state = AppState {
        store,
        clock: Arc::new(SystemClock),
        settings: Arc::new(Settings {
            public_url: config.public_url(),
            secret_grace_secs: config.secret_grace_hours * 3600,
            host_tokens: config.host_tokens()?,
            test_limits: portal_core::api::TestLimits {
                daily_calls: config.test_daily_calls,
                authorised_sellers: config.test_authorised_sellers,
            },
            max_secret_age_secs: config.max_secret_age_days.map(|days| i64::from(days) * 24 * 3600),
            ..Settings::default()
        }),
        secrets: crate::sealed::SecretBox::from_key_file(&config.secret_key_file()?)?,
        mailer: match &config.smtp_relay {
            Some(relay) => crate::mailer::Mailer::Smtp(crate::mailer::Relay {
                address: relay.clone(),
                from: config.mail_from.clone(),
                security: config.smtp_security,
                credentials: config.smtp_user.clone().zip(config.smtp_password.clone()),
            }),
            None => crate::mailer::Mailer::Outbox,
        },
    };
    let options = HttpOptions {
        dist: config.dist.clone(),
        cors_origins: config.cors_origins.clone(),
        timeouts: crate::serve::Timeouts {
            header: std::time::Duration::from_secs(config.header_timeout_secs.max(1)),
            request: std::time::Duration::from_secs(config.request_timeout_secs.max(1)),
            ..Default::default()
        },
        faults: config.test_faults.then(crate::faults::Faults::default),
        trusted_proxies: config.trusted_proxies()?,
    };
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let shutdown = crate::serve::shutdown_signal();
    match &config.dist {
        Some(dist) => println!(
            "Developer portal running at http://{addr}/ (app from {})",
            dist.display()
        ),
        None => println!("Developer portal API running at http://{addr}/api/v1 (API only: no --dist given)"),
    }
    if config.test_faults {
        println!("  TEST FAULT INJECTION IS ON (--test-faults): never use this in production");
    }
    println!("  database: {}", shown_database(&config.database));
    if config.demo_accounts {
        let (seller, seller_pw) = seed::DEMO_SELLER;
        let (reviewer, reviewer_pw) = seed::DEMO_REVIEWER;
        println!("  demo seller:   {seller} / {seller_pw}");
        println!("  demo reviewer: {reviewer} / {reviewer_pw}");
    }
    println!("Press Ctrl+C to stop.");
    crate::maintenance::spawn(state.clone());
    let app = crate::app(state, &options);
    crate::serve::serve(listener, app, options.timeouts, shutdown)
        .await
        .map_err(|e| e.to_string())?;
    println!("Stopped.");
    Ok(())
}

/// The database as it may be shown: a URL without its password.
fn shown_database(database: &str) -> String {
    match database.split_once("://") {
        Some((scheme, rest)) => match rest.rsplit_once('@') {
            Some((user, host)) => format!("{scheme}://{}@{host}", user.split(':').next().unwrap_or("")),
            None => database.to_owned(),
        },
        None => database.to_owned(),
    }
}
