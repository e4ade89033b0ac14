//! Procedure versions: the shipped default, drafts the admin edits as a
//! file, validation and publication. Publishing never touches a call in
//! progress: an interaction keeps the version it started with.

use super::authz::Actor;
use super::error::ServiceError;
use super::typifications;
use crate::db::{
    self,
    entities::{interactions, procedure_versions},
};
use app::api::guide::{VersionSummary, VersionView};
use app::domain::cases::VersionStatus;
use app::domain::procedure::{FieldKind, Procedure, validate};
use app::domain::role::Capability;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::Expr,
};
use std::collections::BTreeSet;

/// The procedure shipped with Faro: the approved document, structured.
pub const DEFAULT_FILE: &str = include_str!("../../../procedures/claro-premium-v1.toml");

const FILE_HEADER: &str = "# Procedimiento de Faro (formato: procedures/README.md).\n# Revise con: faro procedure validate ARCHIVO\n\n";

/// Reads a procedure file (TOML); the error says where, in Spanish.
pub fn parse_file(text: &str) -> Result<Procedure, String> {
    toml::from_str::<Procedure>(text).map_err(|err| {
        let line = err
            .span()
            .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        let detail = err.message().trim().to_string();
        match line {
            Some(line) => format!("El archivo no se pudo leer (línea {line}): {detail}"),
            None => format!("El archivo no se pudo leer: {detail}"),
        }
    })
}

/// The file with its `[meta]` version number set to `number`, the rest
/// (comments, layout) untouched.
pub fn renumber(text: &str, number: u32) -> String {
    let mut in_meta = false;
    let mut done = false;
    let mut out = String::with_capacity(text.len() + 4);
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            in_meta = trimmed.starts_with("[meta]");
        }
        let is_version = trimmed
            .strip_prefix("version")
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if in_meta && !done && is_version {
            out.push_str(&format!("version = {number}"));
            if line.ends_with('\n') {
                out.push('\n');
            }
            done = true;
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Writes a procedure as its file.
pub fn to_file(procedure: &Procedure) -> String {
    let body = toml::to_string(procedure).unwrap_or_default();
    format!("{FILE_HEADER}{body}")
}

/// Every problem of a version, including typification codes its
/// suggestions name that the catalog lacks (when the catalog is known).
pub fn problems(procedure: &Procedure, catalog: Option<&BTreeSet<String>>) -> Vec<String> {
    let mut problems = validate(procedure);
    if let Some(catalog) = catalog {
        for step in &procedure.steps {
            for suggestion in &step.suggestions {
                let is_typification = procedure
                    .field(&suggestion.field)
                    .is_some_and(|f| f.kind == FieldKind::Typification);
                if is_typification && !catalog.contains(&suggestion.value) {
                    problems.push(format!(
                        "Paso «{}»: sugiere la tipificación «{}», que no está activa en el catálogo.",
                        step.id, suggestion.value
                    ));
                }
            }
        }
    }
    problems
}

pub fn body_of(model: &procedure_versions::Model) -> Result<Procedure, ServiceError> {
    serde_json::from_str(&model.body)
        .map_err(|err| ServiceError::Internal(format!("procedure {}: {err}", model.id)))
}

fn status_of(model: &procedure_versions::Model) -> VersionStatus {
    model.status.parse().unwrap_or(VersionStatus::Retirada)
}

/// Inserts the shipped procedure as version 1, published, when there is no
/// version at all (first start). Safe when two instances start together.
pub async fn ensure_default(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if procedure_versions::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let procedure = parse_file(DEFAULT_FILE).map_err(ServiceError::Internal)?;
    let result = insert(
        db,
        &procedure,
        Some(DEFAULT_FILE.to_string()),
        VersionStatus::Publicada,
        None,
        now,
    )
    .await;
    match result {
        Ok(_) => Ok(()),
        Err(ServiceError::Database(err)) if ServiceError::is_unique_violation(&err) => Ok(()),
        Err(err) => Err(err),
    }
}

async fn insert(
    db: &impl ConnectionTrait,
    procedure: &Procedure,
    source: Option<String>,
    status: VersionStatus,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<procedure_versions::Model, ServiceError> {
    let body =
        serde_json::to_string(procedure).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let published = status == VersionStatus::Publicada;
    let model = procedure_versions::ActiveModel {
        id: NotSet,
        number: Set(procedure.meta.version as i32),
        status: Set(status.code().into()),
        title: Set(procedure.meta.title.clone()),
        approved_on: Set(procedure.meta.approved_on),
        author: Set(procedure.meta.author.clone()),
        approver: Set(procedure.meta.approver.clone()),
        body: Set(body),
        source: Set(source),
        created_by: Set(by),
        created_at: Set(now),
        updated_at: Set(now),
        published_at: Set(published.then_some(now)),
        published_by: Set(if published { by } else { None }),
    };
    Ok(procedure_versions::Entity::insert(model)
        .exec_with_returning(db)
        .await?)
}

/// The version new calls start with.
pub async fn published(
    db: &impl ConnectionTrait,
) -> Result<(procedure_versions::Model, Procedure), ServiceError> {
    let model = procedure_versions::Entity::find()
        .filter(procedure_versions::Column::Status.eq(VersionStatus::Publicada.code()))
        .order_by_desc(procedure_versions::Column::PublishedAt)
        .one(db)
        .await?
        .ok_or_else(|| {
            ServiceError::Conflict(
                "No hay un procedimiento publicado: pida al administrador que publique uno.".into(),
            )
        })?;
    let procedure = body_of(&model)?;
    Ok((model, procedure))
}

pub async fn find(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<procedure_versions::Model, ServiceError> {
    procedure_versions::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("La versión del procedimiento no existe.".into()))
}

async fn summary(
    db: &impl ConnectionTrait,
    model: &procedure_versions::Model,
) -> Result<VersionSummary, ServiceError> {
    let used = interactions::Entity::find()
        .filter(interactions::Column::ProcedureVersionId.eq(model.id))
        .count(db)
        .await?;
    Ok(VersionSummary {
        id: model.id,
        number: model.number.max(0) as u32,
        status: status_of(model),
        title: model.title.clone(),
        approved_on: model.approved_on,
        author: model.author.clone(),
        approver: model.approver.clone(),
        updated_at: model.updated_at,
        published_at: model.published_at,
        interactions: used,
    })
}

async fn view(
    db: &impl ConnectionTrait,
    model: &procedure_versions::Model,
) -> Result<VersionView, ServiceError> {
    let procedure = body_of(model)?;
    let catalog = typifications::active_codes(db).await?;
    Ok(VersionView {
        summary: summary(db, model).await?,
        problems: problems(&procedure, Some(&catalog)),
        procedure,
    })
}

/// Every version, newest first.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<VersionSummary>, ServiceError> {
    actor.require(Capability::Configure)?;
    let models = procedure_versions::Entity::find()
        .order_by_desc(procedure_versions::Column::Number)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(models.len());
    for model in &models {
        out.push(summary(db, model).await?);
    }
    Ok(out)
}

pub async fn get(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> Result<VersionView, ServiceError> {
    actor.require(Capability::Configure)?;
    view(db, &find(db, id).await?).await
}

/// The version as its file, for review outside Faro: as the admin wrote it
/// when it came from a file.
pub async fn file(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<String, ServiceError> {
    actor.require(Capability::Configure)?;
    file_of(&find(db, id).await?)
}

fn file_of(model: &procedure_versions::Model) -> Result<String, ServiceError> {
    match &model.source {
        Some(source) => Ok(renumber(source, model.number.max(0) as u32)),
        None => Ok(to_file(&body_of(model)?)),
    }
}

/// The file of a version by number, or of the published one.
pub async fn file_by_number(
    db: &DatabaseConnection,
    number: Option<u32>,
) -> Result<String, ServiceError> {
    let model = match number {
        Some(number) => procedure_versions::Entity::find()
            .filter(procedure_versions::Column::Number.eq(number as i32))
            .one(db)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("No existe la versión {number}.")))?,
        None => published(db).await?.0,
    };
    file_of(&model)
}

async fn next_number(db: &impl ConnectionTrait) -> Result<u32, ServiceError> {
    let max: Option<i32> = procedure_versions::Entity::find()
        .select_only()
        .column_as(procedure_versions::Column::Number.max(), "max")
        .into_tuple()
        .one(db)
        .await?
        .flatten();
    Ok(max.unwrap_or(0).max(0) as u32 + 1)
}

/// Stores a procedure as a new draft with the next free version number.
pub async fn insert_draft(
    db: &DatabaseConnection,
    by: Option<i64>,
    mut procedure: Procedure,
    source: Option<String>,
    now: DateTime<Utc>,
) -> Result<VersionView, ServiceError> {
    let txn = db::begin_write(db).await?;
    procedure.meta.version = next_number(&txn).await?;
    let source = source.map(|text| renumber(&text, procedure.meta.version));
    let model = insert(&txn, &procedure, source, VersionStatus::Borrador, by, now).await?;
    txn.commit().await?;
    view(db, &model).await
}

/// A new draft with the content of another version.
pub async fn copy(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<VersionView, ServiceError> {
    actor.require(Capability::Configure)?;
    let model = find(db, id).await?;
    let procedure = body_of(&model)?;
    insert_draft(db, Some(actor.id), procedure, model.source.clone(), now).await
}

/// A file imported as a new draft (its version number is the next free one).
pub async fn import(
    db: &DatabaseConnection,
    actor: &Actor,
    text: &str,
    now: DateTime<Utc>,
) -> Result<VersionView, ServiceError> {
    actor.require(Capability::Configure)?;
    let procedure = parse_file(text).map_err(|m| ServiceError::invalid("text", m))?;
    insert_draft(db, Some(actor.id), procedure, Some(text.to_string()), now).await
}

/// Replaces a draft's content. A draft may be saved with problems (work is
/// never lost); it cannot be published until they are fixed.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    text: &str,
    now: DateTime<Utc>,
) -> Result<VersionView, ServiceError> {
    actor.require(Capability::Configure)?;
    let mut procedure = parse_file(text).map_err(|m| ServiceError::invalid("text", m))?;
    let txn = db::begin_write(db).await?;
    let model = find(&txn, id).await?;
    if status_of(&model) != VersionStatus::Borrador {
        return Err(ServiceError::Conflict(
            "Solo se editan borradores: copie la versión a un borrador.".into(),
        ));
    }
    // The number is the row's, whatever the file says.
    procedure.meta.version = model.number.max(0) as u32;
    let body =
        serde_json::to_string(&procedure).map_err(|e| ServiceError::Internal(e.to_string()))?;
    procedure_versions::Entity::update_many()
        .col_expr(procedure_versions::Column::Body, Expr::value(body))
        .col_expr(
            procedure_versions::Column::Source,
            Expr::value(Some(renumber(text, model.number.max(0) as u32))),
        )
        .col_expr(
            procedure_versions::Column::Title,
            Expr::value(procedure.meta.title.clone()),
        )
        .col_expr(
            procedure_versions::Column::ApprovedOn,
            Expr::value(procedure.meta.approved_on),
        )
        .col_expr(
            procedure_versions::Column::Author,
            Expr::value(procedure.meta.author.clone()),
        )
        .col_expr(
            procedure_versions::Column::Approver,
            Expr::value(procedure.meta.approver.clone()),
        )
        .col_expr(procedure_versions::Column::UpdatedAt, Expr::value(now))
        .filter(procedure_versions::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    view(db, &find(db, id).await?).await
}

/// Publishes a draft without problems; the version published before is
/// retired. Calls in progress keep the version they started with.
pub async fn publish(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<VersionView, ServiceError> {
    actor.require(Capability::Configure)?;
    let txn = db::begin_write(db).await?;
    let model = find(&txn, id).await?;
    if status_of(&model) != VersionStatus::Borrador {
        return Err(ServiceError::Conflict(
            "Solo se publican borradores.".into(),
        ));
    }
    let procedure = body_of(&model)?;
    let catalog = typifications::active_codes(&txn).await?;
    let problems = problems(&procedure, Some(&catalog));
    if !problems.is_empty() {
        return Err(ServiceError::Validation(
            problems
                .into_iter()
                .map(|p| ("procedure".to_string(), p))
                .collect(),
        ));
    }
    procedure_versions::Entity::update_many()
        .col_expr(
            procedure_versions::Column::Status,
            Expr::value(VersionStatus::Retirada.code()),
        )
        .col_expr(procedure_versions::Column::UpdatedAt, Expr::value(now))
        .filter(procedure_versions::Column::Status.eq(VersionStatus::Publicada.code()))
        .exec(&txn)
        .await?;
    procedure_versions::Entity::update_many()
        .col_expr(
            procedure_versions::Column::Status,
            Expr::value(VersionStatus::Publicada.code()),
        )
        .col_expr(
            procedure_versions::Column::PublishedAt,
            Expr::value(Some(now)),
        )
        .col_expr(
            procedure_versions::Column::PublishedBy,
            Expr::value(Some(actor.id)),
        )
        .col_expr(procedure_versions::Column::UpdatedAt, Expr::value(now))
        .filter(procedure_versions::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    view(db, &find(db, id).await?).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_parses_and_round_trips() {
        let procedure = parse_file(DEFAULT_FILE).expect("parses");
        assert!(validate(&procedure).is_empty());
        let again = parse_file(&to_file(&procedure)).expect("round trip");
        assert_eq!(again, procedure);
    }

    #[test]
    fn renumbering_touches_only_the_meta_version() {
        let text = "# c\n[meta]\nversion = 1 # uno\ntitle = \"x\"\n[[step]]\nversion = 9\n";
        assert_eq!(
            renumber(text, 4),
            "# c\n[meta]\nversion = 4\ntitle = \"x\"\n[[step]]\nversion = 9\n"
        );
        let renumbered = renumber(DEFAULT_FILE, 7);
        assert_eq!(parse_file(&renumbered).expect("parses").meta.version, 7);
    }

    #[test]
    fn a_broken_file_says_the_line() {
        let message = parse_file("[meta]\nversion = \"uno\"\n").expect_err("bad");
        assert!(
            message.starts_with("El archivo no se pudo leer (línea 2)"),
            "{message}"
        );
    }
}
