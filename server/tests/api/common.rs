//! The test harness: a real Faro router on a fresh real database per test,
//! SQLite or PostgreSQL, with the demo users already in it.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::Value;
use server::services::demo::{DEFAULT_DEMO_PASSWORD, seed};
use server::settings::Settings;
use server::state::AppState;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::{Mutex, OnceCell};
use tower::ServiceExt;

pub const PASSWORD: &str = DEFAULT_DEMO_PASSWORD;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs a test body once on SQLite and once on PostgreSQL:
/// `on_both_databases!(name, …)` expects `async fn name(app: TestApp)`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::common::TestApp::new($crate::common::Backend::Sqlite).await).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name($crate::common::TestApp::new($crate::common::Backend::Postgres).await).await
                }
            }
        )*
    };
}

/// The dialer's shared secret in tests.
pub const DIALER_SECRET: &str = "clave-del-marcador-de-prueba";

/// A running app (no socket: requests go straight to the router) on its own
/// database.
pub struct TestApp {
    pub backend: Backend,
    pub database_url: String,
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    router: Router,
    _sqlite_dir: Option<tempfile::TempDir>,
}

/// A signed-in browser: its cookie and CSRF token.
#[derive(Debug, Clone)]
pub struct Session {
    pub login: String,
    pub cookie: String,
    pub csrf: String,
    pub user_id: i64,
}

/// An answer, with its body read.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not JSON ({}): {}", self.status, self.text()))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The `{"error": {"code"}}` of an error answer.
    pub fn error_code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn error_message(&self) -> String {
        self.json()["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The value a `Set-Cookie` gives to a cookie, if any.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| {
                v.strip_prefix(&format!("{name}="))
                    .map(|rest| rest.split(';').next().unwrap_or("").to_string())
            })
    }
}

impl TestApp {
    pub async fn new(backend: Backend) -> TestApp {
        Self::with_settings(
            backend,
            Settings {
                dialer_secret: Some(DIALER_SECRET.into()),
                ..Settings::default()
            },
        )
        .await
    }

    pub async fn with_settings(backend: Backend, settings: Settings) -> TestApp {
        let (database_url, dir) = match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let file = dir.path().join("faro.db");
                std::fs::copy(sqlite_template().await, &file).expect("copy template");
                (format!("sqlite://{}?mode=rwc", file.display()), Some(dir))
            }
            Backend::Postgres => (postgres_database().await, None),
        };
        let db = server::db::connect(&database_url).await.expect("connect");
        server::db::migrate(&db).await.expect("migrate");
        let settings = Arc::new(settings);
        TestApp {
            backend,
            router: router_for(db.clone(), settings.clone()),
            database_url,
            db,
            settings,
            _sqlite_dir: dir,
        }
    }

    /// A second server instance on the same database (as behind a load
    /// balancer): shares nothing in memory with the first.
    pub async fn second_instance(&self) -> Router {
        let db = server::db::connect(&self.database_url)
            .await
            .expect("connect");
        router_for(db, Arc::new((*self.settings).clone()))
    }

    /// The router, for requests sent concurrently.
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    pub async fn call(&self, request: Request<Body>) -> Reply {
        call_router(&self.router, request).await
    }

    pub async fn get(&self, path: &str, session: Option<&Session>) -> Reply {
        self.call(build(Method::GET, path, None, session, None))
            .await
    }

    /// A state-changing request with the session's cookie and CSRF token.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        session: Option<&Session>,
    ) -> Reply {
        let csrf = session.map(|s| s.csrf.clone());
        self.call(build(method, path, body, session, csrf.as_deref()))
            .await
    }

    /// A state-changing request whose body is raw bytes (a file upload).
    pub async fn send_bytes(
        &self,
        method: Method,
        path: &str,
        bytes: Vec<u8>,
        session: &Session,
    ) -> Reply {
        let mut request = build(method, path, None, Some(session), Some(&session.csrf));
        *request.body_mut() = Body::from(bytes);
        request
            .headers_mut()
            .insert(header::CONTENT_TYPE, "text/csv".parse().unwrap());
        self.call(request).await
    }

    /// Uploads a base file and waits until its import ends; answers the
    /// final import.
    pub async fn import_base(&self, session: &Session, query: &str, bytes: Vec<u8>) -> Value {
        let reply = self
            .send_bytes(
                Method::POST,
                &format!("/api/v1/bases/imports?{query}"),
                bytes,
                session,
            )
            .await;
        assert!(
            reply.status == StatusCode::ACCEPTED || reply.status == StatusCode::OK,
            "import answered {}: {}",
            reply.status,
            reply.text()
        );
        let id = reply.json()["id"].as_i64().unwrap();
        for _ in 0..600 {
            let current = self
                .get(&format!("/api/v1/bases/imports/{id}"), Some(session))
                .await;
            assert_eq!(current.status, StatusCode::OK, "{}", current.text());
            let view = current.json();
            if view["status"] != "PROCESANDO" {
                return view;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("import {id} did not finish");
    }

    /// Counts rows of a table matching a condition.
    pub async fn count(&self, table: &str, condition: &str) -> i64 {
        let row = self
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                self.db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table} WHERE {condition}"),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get("", "n").unwrap()
    }

    /// A page request as a browser makes it.
    pub async fn page(&self, path: &str, session: Option<&Session>) -> Reply {
        let mut request = build(Method::GET, path, None, session, None);
        request.headers_mut().insert(
            header::ACCEPT,
            "text/html,application/xhtml+xml".parse().unwrap(),
        );
        self.call(request).await
    }

    /// The pre-session CSRF token and its cookie.
    pub async fn login_csrf(&self) -> String {
        let reply = self.get("/api/v1/auth/csrf", None).await;
        assert_eq!(reply.status, StatusCode::OK);
        reply.json()["csrf_token"].as_str().unwrap().to_string()
    }

    /// Posts a login with a valid pre-session token.
    pub async fn try_login(&self, login: &str, password: &str) -> Reply {
        self.try_login_from(login, password, "127.0.0.1").await
    }

    pub async fn try_login_from(&self, login: &str, password: &str, ip: &str) -> Reply {
        let csrf = self.login_csrf().await;
        let mut request = build(
            Method::POST,
            "/api/v1/auth/login",
            Some(serde_json::json!({ "login": login, "password": password })),
            None,
            Some(&csrf),
        );
        request
            .headers_mut()
            .insert(header::COOKIE, format!("faro_csrf={csrf}").parse().unwrap());
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(ip.parse().unwrap(), 40000)));
        self.call(request).await
    }

    pub async fn login(&self, login: &str, password: &str) -> Session {
        let reply = self.try_login(login, password).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "login {login}: {}",
            reply.text()
        );
        session_from(login, &reply)
    }

    /// Signs in as a demo user.
    pub async fn login_as(&self, login: &str) -> Session {
        self.login(login, PASSWORD).await
    }

    pub async fn user_id(&self, login: &str) -> i64 {
        server::services::users::find_by_login(&self.db, login)
            .await
            .expect("user")
            .id
    }

    /// A signed-in session made directly (no password check): for tests that
    /// need many agents at once.
    pub async fn session_for(&self, login: &str) -> Session {
        let user = server::services::users::find_by_login(&self.db, login)
            .await
            .expect("user");
        let new = server::services::sessions::create(&self.db, &self.settings, &user, None, None)
            .await
            .expect("session");
        Session {
            login: login.to_string(),
            cookie: new.token,
            csrf: new.authenticated.csrf_token,
            user_id: user.id,
        }
    }

    /// The actor behind a login, for calling services directly.
    pub async fn actor(&self, login: &str) -> server::services::authz::Actor {
        let user = server::services::users::find_by_login(&self.db, login)
            .await
            .expect("user");
        server::services::sessions::actor_of(&user).expect("actor")
    }

    /// Adds an agent to a supervisor's team.
    pub async fn add_agent(&self, login: &str, supervisor: &str) {
        let hash = server::services::passwords::hash(PASSWORD.to_string())
            .await
            .unwrap();
        server::services::users::insert_user(
            &self.db,
            server::services::users::NewUser {
                login,
                name: &format!("Agente {login}"),
                role: app::domain::role::Role::Asesor,
                reports_to: Some(supervisor),
                password_hash: hash,
            },
        )
        .await
        .expect("agent");
    }

    /// Security events of a kind, as `(login, detail)`.
    pub async fn events(&self, kind: &str) -> Vec<(Option<String>, String)> {
        let rows = self
            .db
            .query_all_raw(sea_orm::Statement::from_sql_and_values(
                self.db.get_database_backend(),
                "SELECT login, detail FROM security_events WHERE kind = $1 ORDER BY id",
                [kind.into()],
            ))
            .await
            .expect("events");
        rows.iter()
            .map(|row| {
                (
                    row.try_get("", "login").unwrap(),
                    row.try_get("", "detail").unwrap(),
                )
            })
            .collect()
    }

    /// Runs SQL with `$n` placeholders.
    pub async fn execute(&self, sql: &str, values: Vec<sea_orm::Value>) {
        self.db
            .execute_raw(sea_orm::Statement::from_sql_and_values(
                self.db.get_database_backend(),
                sql,
                values,
            ))
            .await
            .expect(sql);
    }
}

pub fn session_from(login: &str, reply: &Reply) -> Session {
    let body = reply.json();
    Session {
        login: login.to_string(),
        cookie: reply.set_cookie("faro_session").expect("session cookie"),
        csrf: body["csrf_token"].as_str().expect("csrf").to_string(),
        user_id: body["user"]["id"].as_i64().expect("id"),
    }
}

pub fn build(
    method: Method,
    path: &str,
    body: Option<Value>,
    session: Option<&Session>,
    csrf: Option<&str>,
) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(path);
    if let Some(session) = session {
        builder = builder.header(header::COOKIE, format!("faro_session={}", session.cookie));
    }
    if let Some(csrf) = csrf {
        builder = builder.header("x-csrf-token", csrf);
    }
    let body = match body {
        Some(json) => {
            builder = builder.header(header::CONTENT_TYPE, "application/json");
            Body::from(json.to_string())
        }
        None => Body::empty(),
    };
    let mut request = builder.body(body).expect("request");
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
    request
}

/// An open `text/event-stream` response, read event by event.
pub struct EventStream {
    body: Body,
    buffer: String,
}

/// One server-sent event.
#[derive(Debug, Clone, Default)]
pub struct SentEvent {
    pub id: String,
    pub event: String,
    pub data: String,
}

impl EventStream {
    /// The next event (comments and keep-alives skipped), or `None` when
    /// none comes within `wait` or the stream ends.
    pub async fn next(&mut self, wait: std::time::Duration) -> Option<SentEvent> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut event = SentEvent::default();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id:") {
                        event.id = v.trim().into();
                    } else if let Some(v) = line.strip_prefix("event:") {
                        event.event = v.trim().into();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        event.data.push_str(v.trim_start());
                    }
                }
                if !event.event.is_empty() || !event.data.is_empty() {
                    return Some(event);
                }
                continue;
            }
            let frame = tokio::time::timeout_at(deadline, self.body.frame())
                .await
                .ok()??;
            if let Ok(data) = frame.expect("stream frame").into_data() {
                self.buffer.push_str(&String::from_utf8_lossy(&data));
            }
        }
    }
}

/// Opens the event stream of a session on a router; the status and, when
/// 200, the stream.
pub async fn open_events(
    router: &Router,
    session: Option<&Session>,
    last_event_id: Option<&str>,
) -> (StatusCode, EventStream) {
    let mut request = build(Method::GET, "/api/v1/events", None, session, None);
    if let Some(id) = last_event_id {
        request
            .headers_mut()
            .insert("last-event-id", id.parse().unwrap());
    }
    let response = router.clone().oneshot(request).await.expect("infallible");
    (
        response.status(),
        EventStream {
            body: response.into_body(),
            buffer: String::new(),
        },
    )
}

pub async fn call_router(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

fn router_for(db: DatabaseConnection, settings: Arc<Settings>) -> Router {
    let leptos_options = leptos::config::LeptosOptions::builder()
        .output_name("faro")
        .site_root("target/site")
        .build();
    let live = server::services::live::LiveHub::default();
    live.spawn_poller(db.clone());
    server::http::router(AppState {
        db,
        settings,
        leptos_options,
        imports: Default::default(),
        live,
    })
}

/// A migrated SQLite file with the demo users, made once per test run and
/// copied for each test.
async fn sqlite_template() -> &'static PathBuf {
    static TEMPLATE: OnceCell<(tempfile::TempDir, PathBuf)> = OnceCell::const_new();
    let (_, path) = TEMPLATE
        .get_or_init(|| async {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("template.db");
            let db = server::db::connect(&format!("sqlite://{}?mode=rwc", path.display()))
                .await
                .expect("connect template");
            server::db::migrate(&db).await.expect("migrate template");
            seed(&db, PASSWORD).await.expect("seed template");
            db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                .await
                .expect("checkpoint");
            db.close().await.expect("close template");
            (dir, path)
        })
        .await;
    path
}

/// The server the PostgreSQL half of the suite runs on.
fn postgres_admin_url() -> String {
    std::env::var("FARO_TEST_POSTGRES_URL").unwrap_or_else(|_| {
        panic!(
            "FARO_TEST_POSTGRES_URL is not set: the suite runs every test on PostgreSQL too. \
             Run `bash scripts/test.sh` (it starts a throw-away PostgreSQL) or point the variable \
             at a server, e.g. postgres://faro:faro@127.0.0.1:55432/postgres"
        )
    })
}

fn with_database(admin_url: &str, database: &str) -> String {
    let (base, _) = admin_url.rsplit_once('/').expect("URL with a database");
    format!("{base}/{database}")
}

/// Whether the test process that made a `faro_test_<pid>_…` or
/// `faro_tpl_<pid>` database is still running on this machine.
fn owner_is_alive(database: &str) -> bool {
    database
        .trim_start_matches("faro_test_")
        .trim_start_matches("faro_tpl_")
        .split('_')
        .next()
        .and_then(|pid| pid.parse::<u32>().ok())
        .is_some_and(|pid| std::path::Path::new(&format!("/proc/{pid}")).exists())
}

/// A fresh PostgreSQL database cloned from a migrated, seeded template.
async fn postgres_database() -> String {
    static TEMPLATE: OnceCell<String> = OnceCell::const_new();
    static CLONING: Mutex<()> = Mutex::const_new(());
    let admin_url = postgres_admin_url();
    let template = TEMPLATE
        .get_or_init(|| async {
            let admin = Database::connect(&admin_url).await.expect("connect to PostgreSQL");
            // Leftovers of earlier runs whose process is gone; databases of a
            // run still going (another terminal) are left alone.
            let leftovers = admin
                .query_all_raw(sea_orm::Statement::from_string(
                    sea_orm::DbBackend::Postgres,
                    "SELECT datname FROM pg_database WHERE datname LIKE 'faro_test_%' OR datname LIKE 'faro_tpl_%'",
                ))
                .await
                .expect("list databases");
            for row in leftovers {
                let name: String = row.try_get("", "datname").unwrap();
                if owner_is_alive(&name) {
                    continue;
                }
                let _ = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await;
            }
            let template = format!("faro_tpl_{}", std::process::id());
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{template}\""))
                .await
                .expect("create template");
            let db = Database::connect(&with_database(&admin_url, &template)).await.expect("connect template");
            server::db::migrate(&db).await.expect("migrate template");
            seed(&db, PASSWORD).await.expect("seed template");
            db.close().await.expect("close template");
            admin.close().await.expect("close admin");
            template
        })
        .await;
    let _one_at_a_time = CLONING.lock().await;
    let name = format!(
        "faro_test_{}_{}",
        std::process::id(),
        &server::services::sessions::random_token()
            .to_lowercase()
            .replace(['-', '_'], "")[..12]
    );
    let admin = Database::connect(&admin_url)
        .await
        .expect("connect to PostgreSQL");
    admin
        .execute_unprepared(&format!(
            "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""
        ))
        .await
        .expect("clone template");
    admin.close().await.expect("close admin");
    with_database(&admin_url, &name)
}
