//! The mass-outage registry (what Diagnosticador shows): notices with their
//! INC number, priority, zones and nodes. A call to a customer in an
//! affected zone is linked to the notice; closing it puts every linked
//! customer's case up for a callback.

use super::super::authz::Actor;
use super::super::cases::add_event;
use super::super::error::ServiceError;
use super::super::users::refs_by_id;
use crate::db::{
    self,
    entities::{base_records, cases, incident_contacts, incidents},
};
use app::api::auth::UserRef;
use app::api::field_ops::{
    IncidentClosure, IncidentDraft, IncidentView, LinkedCustomer, OutageNotice,
};
use app::domain::cases::CaseEventKind;
use app::domain::field_ops::{
    CustomerPlace, IncidentPriority, IncidentStatus, OutageArea, normalize_incident_number,
    parse_place_list,
};
use app::domain::local_time::format_date_time;
use app::domain::role::Capability;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::Expr,
};
use std::collections::{BTreeMap, HashMap};

fn names(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

fn area(model: &incidents::Model) -> OutageArea {
    OutageArea {
        zones: names(&model.zones),
        nodes: names(&model.nodes),
        starts_at: model.starts_at,
        status: model.status.parse().unwrap_or(IncidentStatus::Cerrado),
    }
}

async fn contact_counts(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, u32>, ServiceError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, i64)> = incident_contacts::Entity::find()
        .select_only()
        .column(incident_contacts::Column::IncidentId)
        .column_as(incident_contacts::Column::Id.count(), "n")
        .filter(incident_contacts::Column::IncidentId.is_in(ids.to_vec()))
        .group_by(incident_contacts::Column::IncidentId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, n)| (id, n as u32)).collect())
}

fn to_view(model: &incidents::Model, contacts: u32) -> IncidentView {
    IncidentView {
        id: model.id,
        number: model.number.clone(),
        priority: model.priority.parse().unwrap_or(IncidentPriority::Media),
        description: model.description.clone(),
        zones: names(&model.zones),
        nodes: names(&model.nodes),
        starts_at: model.starts_at,
        expected_end: model.expected_end,
        status: model.status.parse().unwrap_or(IncidentStatus::Cerrado),
        closed_at: model.closed_at,
        contacts,
    }
}

async fn views(
    db: &impl ConnectionTrait,
    rows: &[incidents::Model],
) -> Result<Vec<IncidentView>, ServiceError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let counts = contact_counts(db, &ids).await?;
    Ok(rows
        .iter()
        .map(|r| to_view(r, counts.get(&r.id).copied().unwrap_or(0)))
        .collect())
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<incidents::Model, ServiceError> {
    incidents::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("El aviso no existe.".into()))
}

async fn view(db: &impl ConnectionTrait, id: i64) -> Result<IncidentView, ServiceError> {
    let model = find(db, id).await?;
    Ok(views(db, &[model]).await?.remove(0))
}

/// Who reads the registry: the back office and the admin (who keep it) and
/// the leaders (who follow the floor).
fn may_read(actor: &Actor) -> Result<(), ServiceError> {
    actor.require_any(&[Capability::WorkEscalations, Capability::ViewTeam])
}

pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    active_only: bool,
) -> Result<Vec<IncidentView>, ServiceError> {
    may_read(actor)?;
    let mut query = incidents::Entity::find();
    if active_only {
        query = query.filter(incidents::Column::Status.eq(IncidentStatus::Activo.code()));
    }
    let rows = query
        .order_by_asc(incidents::Column::Status)
        .order_by_desc(incidents::Column::StartsAt)
        .limit(500)
        .all(db)
        .await?;
    views(db, &rows).await
}

/// The active notices (few at any time: filtered here, not in SQL, because
/// zones are matched without case or accents).
async fn active(db: &impl ConnectionTrait) -> Result<Vec<incidents::Model>, ServiceError> {
    Ok(incidents::Entity::find()
        .filter(incidents::Column::Status.eq(IncidentStatus::Activo.code()))
        .order_by_desc(incidents::Column::StartsAt)
        .all(db)
        .await?)
}

/// The notices affecting a place now.
pub async fn affecting(
    db: &impl ConnectionTrait,
    place: &CustomerPlace,
    now: DateTime<Utc>,
) -> Result<Vec<incidents::Model>, ServiceError> {
    Ok(active(db)
        .await?
        .into_iter()
        .filter(|i| area(i).affects(place, now))
        .collect())
}

/// The notice that blocks visit booking in a place, if any (the most
/// urgent one).
pub async fn blocking(
    db: &impl ConnectionTrait,
    place: &CustomerPlace,
    now: DateTime<Utc>,
) -> Result<Option<incidents::Model>, ServiceError> {
    let mut found = affecting(db, place, now).await?;
    found.sort_by_key(|i| {
        i.priority
            .parse::<IncidentPriority>()
            .unwrap_or(IncidentPriority::Baja)
    });
    Ok(found.into_iter().next())
}

pub async fn view_of(
    db: &impl ConnectionTrait,
    model: &incidents::Model,
) -> Result<IncidentView, ServiceError> {
    Ok(views(db, std::slice::from_ref(model)).await?.remove(0))
}

/// What the guide tells the agent about a customer: the notices affecting
/// them and how often they already called for each.
pub async fn notices_for(
    db: &impl ConnectionTrait,
    place: &CustomerPlace,
    cuenta: &str,
    now: DateTime<Utc>,
) -> Result<Vec<OutageNotice>, ServiceError> {
    let found = affecting(db, place, now).await?;
    let all = views(db, &found).await?;
    let mut out = Vec::with_capacity(all.len());
    for incident in all {
        let earlier = incident_contacts::Entity::find()
            .filter(incident_contacts::Column::IncidentId.eq(incident.id))
            .filter(incident_contacts::Column::Cuenta.eq(cuenta))
            .order_by_desc(incident_contacts::Column::At)
            .all(db)
            .await?;
        out.push(OutageNotice {
            previous_contacts: earlier.len() as u32,
            last_contact_at: earlier.first().map(|c| c.at),
            incident,
        });
    }
    Ok(out)
}

/// Links a closed call to a notice (once per call).
pub async fn link_contact(
    txn: &impl ConnectionTrait,
    incident_id: i64,
    interaction_id: i64,
    record_id: i64,
    cuenta: &str,
    agent_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    // Only a notice still active, read under a shared lock: a closing in
    // progress finishes first (and this call is then not linked), or waits
    // for this call and lists it.
    let active = incidents::Entity::find_by_id(incident_id)
        .lock_shared()
        .one(txn)
        .await?
        .is_some_and(|i| i.status == IncidentStatus::Activo.code());
    if !active {
        return Ok(());
    }
    let linked = incident_contacts::Entity::find()
        .filter(incident_contacts::Column::IncidentId.eq(incident_id))
        .filter(incident_contacts::Column::InteractionId.eq(interaction_id))
        .count(txn)
        .await?;
    if linked == 0 {
        incident_contacts::Entity::insert(incident_contacts::ActiveModel {
            id: NotSet,
            incident_id: Set(incident_id),
            interaction_id: Set(interaction_id),
            record_id: Set(record_id),
            cuenta: Set(cuenta.to_string()),
            agent_id: Set(agent_id),
            at: Set(now),
        })
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

/// The notice with this number, if registered.
pub async fn by_number(
    db: &impl ConnectionTrait,
    number: &str,
) -> Result<Option<incidents::Model>, ServiceError> {
    Ok(incidents::Entity::find()
        .filter(incidents::Column::Number.eq(number))
        .one(db)
        .await?)
}

struct CheckedDraft {
    number: String,
    zones: Vec<String>,
    nodes: Vec<String>,
    description: String,
}

fn check(draft: &IncidentDraft) -> Result<CheckedDraft, ServiceError> {
    let mut problems = Vec::new();
    let number = normalize_incident_number(&draft.number).unwrap_or_else(|problem| {
        problems.push(("number".to_string(), problem));
        String::new()
    });
    let description = draft.description.trim().to_string();
    if description.is_empty() {
        problems.push((
            "description".into(),
            "Describa la afectación en la zona.".into(),
        ));
    } else if description.chars().count() > 1_000 {
        problems.push((
            "description".into(),
            "La descripción admite hasta 1.000 caracteres.".into(),
        ));
    }
    let zones = parse_place_list(&draft.zones.join("|"));
    let nodes = parse_place_list(&draft.nodes.join("|"));
    if zones.is_empty() && nodes.is_empty() {
        problems.push((
            "zones".into(),
            "Indique al menos una zona o un nodo afectado.".into(),
        ));
    }
    if zones.len() + nodes.len() > 200 || zones.iter().chain(&nodes).any(|n| n.chars().count() > 80)
    {
        problems.push((
            "zones".into(),
            "Hasta 200 zonas y nodos, de hasta 80 caracteres cada uno.".into(),
        ));
    }
    if draft.expected_end.is_some_and(|end| end <= draft.starts_at) {
        problems.push((
            "expected_end".into(),
            "El fin estimado debe ser posterior al inicio.".into(),
        ));
    }
    if problems.is_empty() {
        Ok(CheckedDraft {
            number,
            zones,
            nodes,
            description,
        })
    } else {
        Err(ServiceError::Validation(problems))
    }
}

fn json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    draft: IncidentDraft,
    now: DateTime<Utc>,
) -> Result<IncidentView, ServiceError> {
    actor.require(Capability::WorkEscalations)?;
    let checked = check(&draft)?;
    let txn = db::begin_write(db).await?;
    if by_number(&txn, &checked.number).await?.is_some() {
        return Err(ServiceError::invalid(
            "number",
            format!("El aviso {} ya está registrado.", checked.number),
        ));
    }
    let inserted = incidents::Entity::insert(incidents::ActiveModel {
        id: NotSet,
        number: Set(checked.number),
        priority: Set(draft.priority.code().into()),
        description: Set(checked.description),
        zones: Set(json(&checked.zones)),
        nodes: Set(json(&checked.nodes)),
        starts_at: Set(draft.starts_at),
        expected_end: Set(draft.expected_end),
        status: Set(IncidentStatus::Activo.code().into()),
        created_by: Set(Some(actor.id)),
        created_at: Set(now),
        updated_at: Set(now),
        closed_at: Set(None),
        closed_by: Set(None),
    })
    .exec_with_returning(&txn)
    .await
    .map_err(|err| {
        if ServiceError::is_unique_violation(&err) {
            ServiceError::invalid("number", "Ese número de aviso ya está registrado.")
        } else {
            err.into()
        }
    })?;
    txn.commit().await?;
    view(db, inserted.id).await
}

pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    draft: IncidentDraft,
    now: DateTime<Utc>,
) -> Result<IncidentView, ServiceError> {
    actor.require(Capability::WorkEscalations)?;
    let checked = check(&draft)?;
    let txn = db::begin_write(db).await?;
    let current = find(&txn, id).await?;
    if current.status != IncidentStatus::Activo.code() {
        return Err(ServiceError::Conflict(
            "El aviso está cerrado y ya no se edita.".into(),
        ));
    }
    if let Some(other) = by_number(&txn, &checked.number).await?
        && other.id != id
    {
        return Err(ServiceError::invalid(
            "number",
            format!("El aviso {} ya está registrado.", checked.number),
        ));
    }
    incidents::Entity::update_many()
        .col_expr(incidents::Column::Number, Expr::value(checked.number))
        .col_expr(
            incidents::Column::Priority,
            Expr::value(draft.priority.code()),
        )
        .col_expr(
            incidents::Column::Description,
            Expr::value(checked.description),
        )
        .col_expr(incidents::Column::Zones, Expr::value(json(&checked.zones)))
        .col_expr(incidents::Column::Nodes, Expr::value(json(&checked.nodes)))
        .col_expr(incidents::Column::StartsAt, Expr::value(draft.starts_at))
        .col_expr(
            incidents::Column::ExpectedEnd,
            Expr::value(draft.expected_end),
        )
        .col_expr(incidents::Column::UpdatedAt, Expr::value(now))
        .filter(incidents::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    view(db, id).await
}

/// The customers linked to a notice, one row each, with their open case.
async fn linked_customers(
    db: &impl ConnectionTrait,
    incident_id: i64,
) -> Result<Vec<LinkedCustomer>, ServiceError> {
    let contacts = incident_contacts::Entity::find()
        .filter(incident_contacts::Column::IncidentId.eq(incident_id))
        .order_by_asc(incident_contacts::Column::At)
        .all(db)
        .await?;
    // Per record: how many contacts, the latest one.
    let mut per_record: BTreeMap<i64, (u32, incident_contacts::Model)> = BTreeMap::new();
    for contact in contacts {
        let entry = per_record
            .entry(contact.record_id)
            .or_insert((0, contact.clone()));
        entry.0 += 1;
        entry.1 = contact;
    }
    let record_ids: Vec<i64> = per_record.keys().copied().collect();
    let names: HashMap<i64, String> = if record_ids.is_empty() {
        HashMap::new()
    } else {
        base_records::Entity::find()
            .filter(base_records::Column::Id.is_in(record_ids.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.id, r.nombre))
            .collect()
    };
    let open_cases: HashMap<i64, cases::Model> = if record_ids.is_empty() {
        HashMap::new()
    } else {
        cases::Entity::find()
            .filter(cases::Column::RecordId.is_in(record_ids))
            .filter(cases::Column::State.ne(app::domain::cases::CaseState::Cerrado.code()))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.record_id, c))
            .collect()
    };
    let agents = refs_by_id(db, per_record.values().map(|(_, c)| c.agent_id)).await?;
    Ok(per_record
        .into_iter()
        .map(|(record_id, (count, last))| {
            let case = open_cases.get(&record_id);
            LinkedCustomer {
                record_id,
                cuenta: last.cuenta.clone(),
                nombre: names.get(&record_id).cloned().unwrap_or_default(),
                agent: agents.get(&last.agent_id).cloned().unwrap_or(UserRef {
                    id: last.agent_id,
                    login: String::new(),
                    name: "(usuario retirado)".into(),
                }),
                contacts: count,
                last_contact_at: last.at,
                case_id: case.map(|c| c.id),
                callback_at: case.and_then(|c| c.callback_at),
            }
        })
        .collect())
}

pub async fn customers(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> Result<Vec<LinkedCustomer>, ServiceError> {
    may_read(actor)?;
    find(db, id).await?;
    let customers = linked_customers(db, id).await?;
    if actor.role.can(Capability::WorkEscalations) {
        return Ok(customers);
    }
    // A leader sees the customers their own agents talked to.
    let scope = super::super::authz::user_scope(db, actor).await?;
    Ok(customers
        .into_iter()
        .filter(|c| scope.contains(c.agent.id))
        .collect())
}

/// Closes a notice: every linked customer's open case gets its callback due
/// now, so the agents close the cycle with them.
pub async fn close(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<IncidentClosure, ServiceError> {
    actor.require(Capability::WorkEscalations)?;
    let txn = db::begin_write(db).await?;
    let incident = incidents::Entity::find_by_id(id)
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("El aviso no existe.".into()))?;
    if incident.status == IncidentStatus::Activo.code() {
        incidents::Entity::update_many()
            .col_expr(
                incidents::Column::Status,
                Expr::value(IncidentStatus::Cerrado.code()),
            )
            .col_expr(incidents::Column::ClosedAt, Expr::value(Some(now)))
            .col_expr(incidents::Column::ClosedBy, Expr::value(Some(actor.id)))
            .col_expr(incidents::Column::UpdatedAt, Expr::value(now))
            .filter(incidents::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        for customer in linked_customers(&txn, id).await? {
            let Some(case_id) = customer.case_id else {
                continue;
            };
            // An earlier callback stays; a later one comes forward to now.
            let due = customer.callback_at.map_or(now, |at| at.min(now));
            cases::Entity::update_many()
                .col_expr(cases::Column::CallbackAt, Expr::value(Some(due)))
                .col_expr(cases::Column::UpdatedAt, Expr::value(now))
                .filter(cases::Column::Id.eq(case_id))
                .exec(&txn)
                .await?;
            super::calls::bring_callback_forward(&txn, customer.record_id, due, now).await?;
            add_event(
                &txn,
                case_id,
                CaseEventKind::Aviso,
                Some(actor.id),
                format!(
                    "Aviso {} cerrado el {}: llame al cliente para confirmar que el servicio se restableció.",
                    incident.number,
                    format_date_time(now)
                ),
                now,
            )
            .await?;
        }
    }
    let customers = linked_customers(&txn, id).await?;
    txn.commit().await?;
    Ok(IncidentClosure {
        incident: view(db, id).await?,
        customers,
    })
}
