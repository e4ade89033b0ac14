//! `faro serve`: migrate, seed demo data on an empty database, serve.

use crate::services::{demo, sessions, users};
use crate::settings::Settings;
use crate::state::AppState;
use clap::Args;
use leptos::config::{Env, LeptosOptions};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "FARO_BIND", default_value = "127.0.0.1:3000")]
    pub bind: String,
    /// Do not create demo data, even on an empty database.
    #[arg(long, env = "FARO_NO_DEMO")]
    pub no_demo: bool,
    /// Password of the demo users.
    #[arg(long, env = "FARO_DEMO_PASSWORD", default_value = demo::DEFAULT_DEMO_PASSWORD)]
    pub demo_password: String,
    /// Folder with the compiled web app (`pkg/`, favicon).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
    /// Minutes without activity after which a session ends.
    #[arg(long, env = "FARO_SESSION_IDLE_MINUTES", default_value_t = 30, value_parser = clap::value_parser!(i64).range(1..=1440))]
    pub session_idle_minutes: i64,
    /// Hours after login at which a session ends whatever the activity.
    #[arg(long, env = "FARO_SESSION_MAX_HOURS", default_value_t = 12, value_parser = clap::value_parser!(i64).range(1..=168))]
    pub session_max_hours: i64,
    /// Mark cookies Secure: set when Faro is reached over HTTPS.
    #[arg(long, env = "FARO_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Trust X-Forwarded-For from a reverse proxy / load balancer.
    #[arg(long, env = "FARO_TRUST_PROXY")]
    pub trust_proxy: bool,
    /// Wrong passwords in a row that lock an account.
    #[arg(long, env = "FARO_LOGIN_MAX_FAILURES", default_value_t = 5, value_parser = clap::value_parser!(i32).range(1..=100))]
    pub login_max_failures: i32,
    /// Failed logins from one address within 15 minutes after which that
    /// address is refused for a while. A whole floor behind one NAT address
    /// shares this count: raise it for large operations.
    #[arg(long, env = "FARO_ADDRESS_MAX_FAILURES", default_value_t = 100, value_parser = clap::value_parser!(u64).range(5..=100_000))]
    pub address_max_failures: u64,
    /// Minutes an account stays locked.
    #[arg(long, env = "FARO_LOCKOUT_MINUTES", default_value_t = 15, value_parser = clap::value_parser!(i64).range(1..=1440))]
    pub lockout_minutes: i64,
    /// Shared secret of the dialer's webhook (`POST /api/v1/dialer/events`,
    /// header `X-Faro-Dialer-Secret` or `Authorization: Bearer`). At least 16
    /// characters; without it the webhook answers 503.
    #[arg(long, env = "FARO_DIALER_SECRET", hide_env_values = true)]
    pub dialer_secret: Option<String>,
}

impl ServeArgs {
    pub fn settings(&self) -> Settings {
        Settings {
            session_idle: chrono::Duration::minutes(self.session_idle_minutes),
            session_absolute: chrono::Duration::hours(self.session_max_hours),
            secure_cookies: self.secure_cookies,
            trust_proxy: self.trust_proxy,
            login_max_failures: self.login_max_failures,
            lockout: chrono::Duration::minutes(self.lockout_minutes),
            address_max_failures: self.address_max_failures,
            dialer_secret: self.dialer_secret.clone().filter(|s| !s.trim().is_empty()),
            ..Settings::default()
        }
    }
}

pub async fn run(database_url: &str, args: ServeArgs) -> Result<(), String> {
    let addr: SocketAddr = args.bind.parse().map_err(|_| {
        format!(
            "Dirección no válida en --bind: «{}» (ejemplo: 127.0.0.1:3000).",
            args.bind
        )
    })?;
    let db = super::open_database(database_url).await?;
    tracing::info!(
        database = %super::redact(database_url),
        backend = crate::db::backend_name(&db),
        "base de datos lista"
    );

    if !args.no_demo {
        let seeded = seed_demo_if_empty(&db, &args.demo_password).await?;
        if seeded && !addr.ip().is_loopback() {
            tracing::warn!(
                "Los usuarios de demostración, con su contraseña publicada, son accesibles desde la red en {addr}. \
                 Para una operación real inicie con --no-demo sobre una base vacía."
            );
        }
    }

    if args
        .dialer_secret
        .as_ref()
        .is_some_and(|secret| secret.chars().count() < 16)
    {
        return Err(
            "La clave del marcador (--dialer-secret) debe tener al menos 16 caracteres.".into(),
        );
    }
    let settings = Arc::new(args.settings());
    spawn_session_purge(db.clone(), settings.clone());

    let state = AppState {
        db,
        settings,
        leptos_options: leptos_options(&args.site_root, addr),
        imports: Default::default(),
        live: Default::default(),
    };
    state.live.spawn_poller(state.db.clone());
    let live = state.live.clone();
    let app = crate::http::router(state);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|err| format!("No se pudo escuchar en {addr}: {err}"))?;
    tracing::info!("Faro escuchando en http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        // Open event streams end, or the shutdown would wait for them.
        live.close();
    })
    .await
    .map_err(|err| format!("El servidor se detuvo con un error: {err}"))
}

/// Seeds the demo users when nobody exists yet; answers whether it did.
async fn seed_demo_if_empty(
    db: &sea_orm::DatabaseConnection,
    password: &str,
) -> Result<bool, String> {
    if users::any_user(db).await.map_err(|e| e.to_string())? {
        return Ok(false);
    }
    match demo::seed(db, password).await {
        Ok(()) => {
            demo::seed_bases(db)
                .await
                .map_err(|err| format!("No se pudieron crear las bases de demostración: {err}"))?;
            demo::seed_agenda(db)
                .await
                .map_err(|err| format!("No se pudo crear la agenda de demostración: {err}"))?;
            demo::seed_practices(db)
                .await
                .map_err(|err| format!("No se pudo crear el calendario de demostración: {err}"))?;
            let logins: Vec<&str> = demo::DEMO_USERS.iter().map(|u| u.0).collect();
            tracing::warn!(
                "Base de datos vacía: se crearon usuarios de demostración ({}) con la contraseña «{password}». \
                 Cámbiela o inicie con --no-demo antes de usar Faro con datos reales.",
                logins.join(", ")
            );
            Ok(true)
        }
        // Another instance seeded the same empty database at the same moment.
        Err(crate::services::ServiceError::Conflict(_)) => Ok(false),
        Err(err) => Err(format!(
            "No se pudieron crear los datos de demostración: {err}"
        )),
    }
}

fn leptos_options(site_root: &str, addr: SocketAddr) -> LeptosOptions {
    let env = match std::env::var("LEPTOS_ENV").as_deref() {
        Ok("DEV") | Ok("dev") | Ok("development") => Env::DEV,
        _ => Env::PROD,
    };
    LeptosOptions::builder()
        .output_name("faro")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .env(env)
        .build()
}

/// Expired sessions are removed every ten minutes (any instance may do it).
fn spawn_session_purge(db: sea_orm::DatabaseConnection, settings: Arc<Settings>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            match sessions::purge_expired(&db, &settings).await {
                Ok(0) => {}
                Ok(count) => tracing::info!(count, "sesiones vencidas eliminadas"),
                Err(err) => {
                    tracing::warn!(error = ?err, "no se pudieron eliminar sesiones vencidas")
                }
            }
            if let Err(err) = crate::services::live::purge(&db, chrono::Utc::now()).await {
                tracing::warn!(error = ?err, "no se pudieron eliminar alertas antiguas");
            }
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("Deteniendo Faro…");
}
