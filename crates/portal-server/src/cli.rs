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
    /// SQLite database file; created with its schema on first start.
    #[arg(
        long,
        env = "PORTAL_DATABASE",
        default_value = "data/portal.sqlite3",
        global = true
    )]
    pub database: PathBuf,
    /// The built SPA to serve (Trunk's `dist/`).
    #[arg(long, env = "PORTAL_DIST", default_value = "dist", global = true)]
    pub dist: PathBuf,
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
    /// How long a replaced AppSecret keeps working after a reset, in hours.
    #[arg(long, env = "PORTAL_SECRET_GRACE_HOURS", default_value_t = 24, global = true)]
    pub secret_grace_hours: i64,
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
    /// Key that seals stored AppSecrets (32 bytes); created beside the database if missing.
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
}

impl Config {
    /// The sealing key's file: the flag, or the database's path with `.key` added.
    pub fn secret_key_file(&self) -> PathBuf {
        self.secret_key_file.clone().unwrap_or_else(|| {
            let mut name = self.database.clone().into_os_string();
            name.push(".key");
            PathBuf::from(name)
        })
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
                .unwrap_or_else(|_| "portal_server=info".into()),
        )
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
    let store = Store::open(&config.database).map_err(|e| format!("{}: {e}", config.database.display()))?;
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
        Command::Serve => serve(config, store).await,
    }
}

async fn serve(config: Config, store: Store) -> Result<(), String> {
    if !config.dist.join("index.html").is_file() {
        return Err(format!(
            "{} has no index.html: build the app first (cargo xtask serve does it)",
            config.dist.display()
        ));
    }
    let state = AppState {
        store,
        clock: Arc::new(SystemClock),
        settings: Arc::new(Settings {
            public_url: config.public_url(),
            secret_grace_secs: config.secret_grace_hours * 3600,
            ..Settings::default()
        }),
        secrets: crate::sealed::SecretBox::from_key_file(&config.secret_key_file())?,
        mailer: match &config.smtp_relay {
            Some(relay) => crate::mailer::Mailer::Smtp {
                relay: relay.clone(),
                from: config.mail_from.clone(),
            },
            None => crate::mailer::Mailer::Outbox,
        },
    };
    let options = HttpOptions {
        dist: Some(config.dist.clone()),
        cors_origins: config.cors_origins.clone(),
    };
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("Developer portal running at http://{addr}/");
    println!("  database: {}", config.database.display());
    if config.demo_accounts {
        let (seller, seller_pw) = seed::DEMO_SELLER;
        let (reviewer, reviewer_pw) = seed::DEMO_REVIEWER;
        println!("  demo seller:   {seller} / {seller_pw}");
        println!("  demo reviewer: {reviewer} / {reviewer_pw}");
    }
    println!("Press Ctrl+C to stop.");
    axum::serve(listener, crate::app(state, &options))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}
