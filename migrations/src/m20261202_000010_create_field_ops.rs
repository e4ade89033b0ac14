//! Field operations (SPEC §3 steps 3–4, §7): the technical-visit agenda
//! (slots with capacity and the visits booked in them), the mass-outage
//! registry with the contacts linked to each notice, and the back office's
//! escalation queue with its answers and the response time per kind.

use super::m20261128_000001_create_users::Users;
use super::m20261201_000008_create_guide::{Cases, Interactions};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum VisitSlots {
    Table,
    Id,
    Zone,
    ZoneKey,
    Date,
    Franja,
    Capacity,
    Booked,
    Active,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Visits {
    Table,
    Id,
    InteractionId,
    RecordId,
    Cuenta,
    CaseId,
    SlotId,
    Kind,
    OrderNumber,
    Motivo,
    Status,
    Reason,
    BookedBy,
    BookedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Incidents {
    Table,
    Id,
    Number,
    Priority,
    Description,
    Zones,
    Nodes,
    StartsAt,
    ExpectedEnd,
    Status,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    ClosedAt,
    ClosedBy,
}

#[derive(DeriveIden)]
enum IncidentContacts {
    Table,
    Id,
    IncidentId,
    InteractionId,
    RecordId,
    Cuenta,
    AgentId,
    At,
}

#[derive(DeriveIden)]
enum Escalations {
    Table,
    Id,
    SourceKey,
    Kind,
    Status,
    CaseId,
    RecordId,
    Cuenta,
    Zone,
    InteractionId,
    Data,
    CreatedAt,
    DueAt,
    TakenBy,
    TakenAt,
    ResolvedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EscalationAnswers {
    Table,
    Id,
    EscalationId,
    At,
    ActorId,
    Text,
    CallbackAt,
    Resolves,
}

#[derive(DeriveIden)]
enum EscalationSlas {
    Table,
    Kind,
    Hours,
    UpdatedAt,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(VisitSlots::Table)
                    .if_not_exists()
                    .col(big_pk_auto(VisitSlots::Id))
                    .col(string_len(VisitSlots::Zone, 80))
                    .col(string_len(VisitSlots::ZoneKey, 80))
                    .col(date(VisitSlots::Date))
                    .col(string_len(VisitSlots::Franja, 4))
                    .col(integer(VisitSlots::Capacity))
                    .col(integer(VisitSlots::Booked).default(0))
                    .col(boolean(VisitSlots::Active))
                    .col(timestamp_with_time_zone(VisitSlots::UpdatedAt))
                    // The last guard against overbooking, whatever the code.
                    .check(
                        Expr::col(VisitSlots::Booked).gte(0).and(
                            Expr::col(VisitSlots::Booked).lte(Expr::col(VisitSlots::Capacity)),
                        ),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Visits::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Visits::Id))
                    .col(big_integer_null(Visits::InteractionId))
                    .col(big_integer(Visits::RecordId))
                    .col(string_len(Visits::Cuenta, 40))
                    .col(big_integer_null(Visits::CaseId))
                    .col(big_integer(Visits::SlotId))
                    .col(string_len(Visits::Kind, 4))
                    .col(string_len_null(Visits::OrderNumber, 20))
                    .col(text(Visits::Motivo))
                    .col(string_len(Visits::Status, 12))
                    .col(text_null(Visits::Reason))
                    .col(big_integer(Visits::BookedBy))
                    .col(timestamp_with_time_zone(Visits::BookedAt))
                    .col(timestamp_with_time_zone(Visits::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_visits_slot",
                        (Visits::Table, Visits::SlotId),
                        (VisitSlots::Table, VisitSlots::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_visits_interaction",
                        (Visits::Table, Visits::InteractionId),
                        (Interactions::Table, Interactions::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        "fk_visits_case",
                        (Visits::Table, Visits::CaseId),
                        (Cases::Table, Cases::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Incidents::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Incidents::Id))
                    .col(string_len_uniq(Incidents::Number, 20))
                    .col(string_len(Incidents::Priority, 8))
                    .col(text(Incidents::Description))
                    .col(text(Incidents::Zones))
                    .col(text(Incidents::Nodes))
                    .col(timestamp_with_time_zone(Incidents::StartsAt))
                    .col(timestamp_with_time_zone_null(Incidents::ExpectedEnd))
                    .col(string_len(Incidents::Status, 10))
                    .col(big_integer_null(Incidents::CreatedBy))
                    .col(timestamp_with_time_zone(Incidents::CreatedAt))
                    .col(timestamp_with_time_zone(Incidents::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Incidents::ClosedAt))
                    .col(big_integer_null(Incidents::ClosedBy))
                    .foreign_key(&mut fk(
                        "fk_incidents_created_by",
                        (Incidents::Table, Incidents::CreatedBy),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IncidentContacts::Table)
                    .if_not_exists()
                    .col(big_pk_auto(IncidentContacts::Id))
                    .col(big_integer(IncidentContacts::IncidentId))
                    .col(big_integer(IncidentContacts::InteractionId))
                    .col(big_integer(IncidentContacts::RecordId))
                    .col(string_len(IncidentContacts::Cuenta, 40))
                    .col(big_integer(IncidentContacts::AgentId))
                    .col(timestamp_with_time_zone(IncidentContacts::At))
                    .foreign_key(&mut fk(
                        "fk_incident_contacts_incident",
                        (IncidentContacts::Table, IncidentContacts::IncidentId),
                        (Incidents::Table, Incidents::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_incident_contacts_interaction",
                        (IncidentContacts::Table, IncidentContacts::InteractionId),
                        (Interactions::Table, Interactions::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Escalations::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Escalations::Id))
                    .col(string_len_uniq(Escalations::SourceKey, 120))
                    .col(string_len(Escalations::Kind, 20))
                    .col(string_len(Escalations::Status, 12))
                    .col(big_integer(Escalations::CaseId))
                    .col(big_integer(Escalations::RecordId))
                    .col(string_len(Escalations::Cuenta, 40))
                    .col(string_len_null(Escalations::Zone, 80))
                    .col(big_integer_null(Escalations::InteractionId))
                    .col(text(Escalations::Data))
                    .col(timestamp_with_time_zone(Escalations::CreatedAt))
                    .col(timestamp_with_time_zone(Escalations::DueAt))
                    .col(big_integer_null(Escalations::TakenBy))
                    .col(timestamp_with_time_zone_null(Escalations::TakenAt))
                    .col(timestamp_with_time_zone_null(Escalations::ResolvedAt))
                    .col(timestamp_with_time_zone(Escalations::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_escalations_case",
                        (Escalations::Table, Escalations::CaseId),
                        (Cases::Table, Cases::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_escalations_taken_by",
                        (Escalations::Table, Escalations::TakenBy),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EscalationAnswers::Table)
                    .if_not_exists()
                    .col(big_pk_auto(EscalationAnswers::Id))
                    .col(big_integer(EscalationAnswers::EscalationId))
                    .col(timestamp_with_time_zone(EscalationAnswers::At))
                    .col(big_integer_null(EscalationAnswers::ActorId))
                    .col(text(EscalationAnswers::Text))
                    .col(timestamp_with_time_zone_null(EscalationAnswers::CallbackAt))
                    .col(boolean(EscalationAnswers::Resolves))
                    .foreign_key(&mut fk(
                        "fk_escalation_answers_escalation",
                        (EscalationAnswers::Table, EscalationAnswers::EscalationId),
                        (Escalations::Table, Escalations::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_escalation_answers_actor",
                        (EscalationAnswers::Table, EscalationAnswers::ActorId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EscalationSlas::Table)
                    .if_not_exists()
                    .col(string_len(EscalationSlas::Kind, 20).primary_key())
                    .col(integer(EscalationSlas::Hours))
                    .col(timestamp_with_time_zone(EscalationSlas::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        let indexes = [
            // One slot per zone, day and franja: what booking locks.
            Index::create()
                .name("uq_visit_slots_zone_date_franja")
                .table(VisitSlots::Table)
                .col(VisitSlots::ZoneKey)
                .col(VisitSlots::Date)
                .col(VisitSlots::Franja)
                .unique()
                .to_owned(),
            Index::create()
                .name("idx_visit_slots_date")
                .table(VisitSlots::Table)
                .col(VisitSlots::Date)
                .to_owned(),
            // One visit per call: a retried or repeated booking moves it.
            Index::create()
                .name("uq_visits_interaction")
                .table(Visits::Table)
                .col(Visits::InteractionId)
                .unique()
                .to_owned(),
            Index::create()
                .name("idx_visits_slot")
                .table(Visits::Table)
                .col(Visits::SlotId)
                .to_owned(),
            Index::create()
                .name("idx_visits_case")
                .table(Visits::Table)
                .col(Visits::CaseId)
                .to_owned(),
            Index::create()
                .name("idx_incidents_status")
                .table(Incidents::Table)
                .col(Incidents::Status)
                .to_owned(),
            Index::create()
                .name("uq_incident_contacts")
                .table(IncidentContacts::Table)
                .col(IncidentContacts::IncidentId)
                .col(IncidentContacts::InteractionId)
                .unique()
                .to_owned(),
            Index::create()
                .name("idx_incident_contacts_cuenta")
                .table(IncidentContacts::Table)
                .col(IncidentContacts::Cuenta)
                .to_owned(),
            Index::create()
                .name("idx_escalations_status_due")
                .table(Escalations::Table)
                .col(Escalations::Status)
                .col(Escalations::DueAt)
                .to_owned(),
            Index::create()
                .name("idx_escalations_case")
                .table(Escalations::Table)
                .col(Escalations::CaseId)
                .to_owned(),
            Index::create()
                .name("idx_escalation_answers_escalation")
                .table(EscalationAnswers::Table)
                .col(EscalationAnswers::EscalationId)
                .to_owned(),
        ];
        for mut statement in indexes {
            manager
                .create_index(statement.if_not_exists().to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            EscalationSlas::Table.into_iden(),
            EscalationAnswers::Table.into_iden(),
            Escalations::Table.into_iden(),
            IncidentContacts::Table.into_iden(),
            Incidents::Table.into_iden(),
            Visits::Table.into_iden(),
            VisitSlots::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
