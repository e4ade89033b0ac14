//! The `faro` command line, run as a real process against a real database.

use crate::common::{Backend, TestApp};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn faro(database_url: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_faro"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("FARO_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run faro");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("faro output")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn migrate_creates_the_schema_and_seeds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/nueva.db?mode=rwc", dir.path().display());
    let out = faro(&url, &["migrate"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Migraciones aplicadas"));
    // No demo users: a user command must find nobody.
    let out = faro(&url, &["user", "disable", "admin"], None);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("No existe el usuario «admin»"),
        "{}",
        text(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_commands_create_reset_and_disable() {
    let app = TestApp::new(Backend::Sqlite).await;
    let url = app.database_url.clone();

    let out = faro(
        &url,
        &[
            "user",
            "create",
            "--login",
            "lmora",
            "--name",
            "Lucía Mora",
            "--role",
            "asesor",
            "--reports-to",
            "supervisor1",
            "--password-stdin",
        ],
        Some("una clave bien larga\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Usuario «lmora» creado con rol Asesor"));
    app.login("lmora", "una clave bien larga").await;

    let open_session = app.login("lmora", "una clave bien larga").await;
    let out = faro(
        &url,
        &["user", "set-password", "lmora", "--password-stdin"],
        Some("otra clave bien larga\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        app.get("/api/v1/me", Some(&open_session)).await.status,
        401,
        "a new password ends the open sessions"
    );
    assert_eq!(
        app.try_login("lmora", "una clave bien larga").await.status,
        401
    );
    let still_open = app.login("lmora", "otra clave bien larga").await;

    let out = faro(&url, &["user", "disable", "lmora"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        app.get("/api/v1/me", Some(&still_open)).await.status,
        401,
        "disabling ends the open sessions"
    );
    assert_eq!(
        app.try_login("lmora", "otra clave bien larga").await.status,
        401
    );
    assert_eq!(app.events("user_created").await.len(), 1);
    assert_eq!(app.events("user_disabled").await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_user_commands_explain_themselves_in_spanish_and_change_nothing() {
    let app = TestApp::new(Backend::Sqlite).await;
    let url = app.database_url.clone();
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &[
                "user",
                "create",
                "--login",
                "x1y",
                "--name",
                "X",
                "--role",
                "jefe",
                "--password-stdin",
            ],
            "una clave bien larga\n",
            "El rol «jefe» no existe",
        ),
        (
            &[
                "user",
                "create",
                "--login",
                "x1y",
                "--name",
                "Equis",
                "--role",
                "asesor",
                "--password-stdin",
            ],
            "una clave bien larga\n",
            "Un asesor debe pertenecer al equipo de un supervisor",
        ),
        (
            &[
                "user",
                "create",
                "--login",
                "x1y",
                "--name",
                "Equis",
                "--role",
                "calidad",
                "--password-stdin",
            ],
            "corta\n",
            "al menos 10 caracteres",
        ),
        (
            &[
                "user",
                "create",
                "--login",
                "asesor1",
                "--name",
                "Equis",
                "--role",
                "calidad",
                "--password-stdin",
            ],
            "una clave bien larga\n",
            "Ya existe un usuario «asesor1»",
        ),
        (
            &[
                "user",
                "create",
                "--login",
                "x1y",
                "--name",
                "Equis",
                "--role",
                "asesor",
                "--reports-to",
                "asesor2",
                "--password-stdin",
            ],
            "una clave bien larga\n",
            "reporta a un supervisor",
        ),
        (
            &[
                "user", "create", "--login", "x1y", "--name", "Equis", "--role", "calidad",
            ],
            "",
            "--password-stdin",
        ),
    ];
    for (args, stdin, expected) in cases {
        let out = faro(&url, args, Some(stdin));
        assert!(!out.status.success(), "{args:?} should fail");
        let stderr = text(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    assert_eq!(
        app.try_login("x1y", "una clave bien larga").await.status,
        401,
        "nothing was created"
    );
    app.login_as("asesor1").await;
}

#[test]
fn procedure_files_validate_export_and_import_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}/procedimiento.db?mode=rwc",
        dir.path().display()
    );
    let shipped = format!(
        "{}/../procedures/claro-premium-v1.toml",
        env!("CARGO_MANIFEST_DIR")
    );

    let out = faro(&url, &["procedure", "validate", &shipped], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("es válido"),
        "{}",
        text(&out.stdout)
    );

    // A broken copy: every problem listed, exit status non-zero.
    let broken = dir.path().join("roto.toml");
    let original = std::fs::read_to_string(&shipped).unwrap();
    std::fs::write(
        &broken,
        original
            .replace("next = [{ to = \"cierre\" }]", "next = [{ to = \"fin\" }]")
            .replace("approver = \"Jaime García\"", "approver = \"\""),
    )
    .unwrap();
    let out = faro(
        &url,
        &["procedure", "validate", broken.to_str().unwrap()],
        None,
    );
    assert!(!out.status.success());
    let errors = text(&out.stderr);
    assert!(errors.contains("el paso «fin» no existe"), "{errors}");
    assert!(errors.contains("falta quién lo aprobó"), "{errors}");
    assert!(errors.contains("problema(s)"), "{errors}");

    // Export prints the published version as its file.
    let out = faro(&url, &["procedure", "export"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), original);

    // Import lands as a draft with the next number, listing its problems.
    let out = faro(
        &url,
        &["procedure", "import", broken.to_str().unwrap()],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("borrador, versión 2"), "{said}");
    assert!(said.contains("«fin»"), "{said}");
    let out = faro(&url, &["procedure", "export", "--version", "2"], None);
    assert!(text(&out.stdout).contains("version = 2"));
    let out = faro(&url, &["procedure", "export", "--version", "9"], None);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("No existe la versión 9"));
}

#[test]
fn the_typification_catalog_imports_from_the_command_line_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}/tipificaciones.db?mode=rwc",
        dir.path().display()
    );
    let bad = dir.path().join("malo.csv");
    std::fs::write(&bad, "codigo,nombre,spc\nNUEVA,Nueva,SI\nOTRA,,NO\n").unwrap();
    let out = faro(
        &url,
        &["import", "tipificaciones", bad.to_str().unwrap()],
        None,
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("Línea 3"),
        "{}",
        text(&out.stderr)
    );
    let good = dir.path().join("bueno.csv");
    std::fs::write(&good, "codigo,nombre,spc\nNUEVA,Nueva,SI\n").unwrap();
    let out = faro(
        &url,
        &["import", "tipificaciones", good.to_str().unwrap()],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("1 nuevas, 0 actualizadas"),
        "{}",
        text(&out.stdout)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn indicator_sources_import_and_kpis_print_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/kpis.db?mode=rwc", dir.path().display());
    let bad = dir.path().join("encuestas-malas.csv");
    std::fs::write(
        &bad,
        "id,fecha,cuenta,asesor,nps,satisfaccion_asesor,id_interaccion\nE1,2025-03-01,A1,r1,6,5,\nE2,2025-03-32,A1,r1,7,4,\n",
    )
    .unwrap();
    let out = faro(&url, &["import", "encuestas", bad.to_str().unwrap()], None);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("Línea 3"), "{stderr}");
    assert!(stderr.contains("no se importó nada"), "{stderr}");

    let good = dir.path().join("encuestas.csv");
    std::fs::write(
        &good,
        "id;fecha;cuenta;asesor;nps;satisfaccion_asesor;id_interaccion\nE1;01/03/2025;A1;r1;6;5;\nE2;2025-03-02;A1;r1;9;4;\n",
    )
    .unwrap();
    for expected in ["2 nuevas", "0 nuevas, 0 actualizadas, 2 ya estaban"] {
        let out = faro(&url, &["import", "encuestas", good.to_str().unwrap()], None);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(
            text(&out.stdout).contains(expected),
            "{}",
            text(&out.stdout)
        );
    }

    let out = faro(
        &url,
        &[
            "kpis",
            "--from",
            "2025-03-01",
            "--to",
            "2025-03-31",
            "--agent",
            "r1",
            "--json",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(cli["nps"]["value"], 0.0);
    assert_eq!(cli["nps"]["denominator"], 2.0);
    assert_eq!(cli["rotacion"]["applies"], false);
    assert_eq!(cli["calidad_mec"]["percibida"]["value"], 1.0);

    // The same JSON as the API for the same question.
    let db = server::db::connect(&url).await.unwrap();
    let period = app::domain::kpis::Period::new(
        chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
    )
    .unwrap();
    let filters = app::domain::kpis::KpiFilters {
        agent: Some("r1".into()),
        ..Default::default()
    };
    let settings = server::services::kpis::settings::get(&db).await.unwrap();
    let engine = server::services::kpis::engine::compute(&db, period, &filters, &settings)
        .await
        .unwrap();
    assert_eq!(cli, serde_json::to_value(engine).unwrap());

    let out = faro(
        &url,
        &["kpis", "--from", "2025-03-31", "--to", "2025-03-01"],
        None,
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("antes de empezar"),
        "{}",
        text(&out.stderr)
    );
    // Nothing seeded: no demo users.
    let out = faro(&url, &["user", "disable", "admin"], None);
    assert!(!out.status.success());
}
