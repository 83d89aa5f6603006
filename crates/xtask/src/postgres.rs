//! A throwaway PostgreSQL cluster for the tests: Debian's `postgresql` (installed when
//! missing), initialised in a temporary directory, listening on a free loopback port, and
//! stopped and removed when the value is dropped. Run as root, its commands run as the
//! `postgres` user, which owns the directory (PostgreSQL refuses to run as root).

use crate::tools::{apt_install, output};
use std::{path::PathBuf, process::Command};

pub(crate) struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    as_postgres: bool,
    /// The superuser's URL (trust authentication, loopback only).
    pub(crate) url: String,
}

/// The directory of Debian's PostgreSQL programs (the newest installed), installing the
/// package first when there is none.
fn server_programs() -> Result<PathBuf, String> {
    let newest = || {
        let mut versions: Vec<u32> = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
            .collect();
        versions.sort();
        let bin = PathBuf::from(format!("/usr/lib/postgresql/{}/bin", versions.pop()?));
        bin.join("initdb").exists().then_some(bin)
    };
    if let Some(bin) = newest() {
        return Ok(bin);
    }
    apt_install(&["postgresql"]).map_err(|how| format!("the server tests need PostgreSQL. {how}"))?;
    // The package starts the system's own cluster; the tests start theirs.
    let _ = Command::new("service").args(["postgresql", "stop"]).status();
    newest().ok_or_else(|| "postgresql installed, but no initdb under /usr/lib/postgresql".into())
}

impl Cluster {
    pub(crate) fn start() -> Result<Cluster, String> {
        let bin = server_programs()?;
        let as_postgres = output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
        let dir = std::env::temp_dir().join(format!("portal-postgres-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let port = free_port()?;
        let cluster = Cluster {
            bin,
            dir,
            as_postgres,
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        };
        if as_postgres {
            cluster.run(
                Command::new("chown")
                    .args(["postgres:postgres"])
                    .arg(&cluster.dir),
                false,
            )?;
        }
        let data = cluster.dir.join("data");
        cluster.run(
            Command::new(cluster.bin.join("initdb"))
                .args([
                    "--username",
                    "postgres",
                    "--auth",
                    "trust",
                    "--encoding",
                    "UTF8",
                    "--no-sync",
                ])
                .arg("--pgdata")
                .arg(&data),
            true,
        )?;
        // Durability is not what the tests measure: no fsync, and a socket in the directory.
        let settings = format!(
            "-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={} -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=400",
            cluster.dir.display()
        );
        cluster.run(
            Command::new(cluster.bin.join("pg_ctl"))
                .arg("--pgdata")
                .arg(&data)
                .arg("--log")
                .arg(cluster.dir.join("server.log"))
                .args(["--options", &settings, "--wait", "start"]),
            true,
        )?;
        Ok(cluster)
    }

    /// Runs `cmd` in the cluster's directory, as the `postgres` user when `as_owner` and
    /// this is root.
    fn run(&self, cmd: &mut Command, as_owner: bool) -> Result<(), String> {
        let mut wrapped;
        let cmd = if as_owner && self.as_postgres {
            wrapped = Command::new("runuser");
            wrapped
                .args(["-u", "postgres", "--"])
                .arg(cmd.get_program())
                .args(cmd.get_args());
            &mut wrapped
        } else {
            cmd
        };
        let shown = format!("{cmd:?}").replace('"', "");
        println!("$ {shown}");
        match cmd.current_dir(&self.dir).status() {
            Ok(status) if status.success() => Ok(()),
            Ok(status) => Err(format!(
                "{shown} failed ({status}); see {}",
                self.dir.join("server.log").display()
            )),
            Err(e) => Err(format!("{shown}: {e}")),
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = self.run(
            Command::new(self.bin.join("pg_ctl"))
                .arg("--pgdata")
                .arg(&data)
                .args(["--mode", "immediate", "--wait", "stop"]),
            true,
        );
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A loopback port nothing listens on now.
fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| format!("a free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("a free port: {e}"))
}
