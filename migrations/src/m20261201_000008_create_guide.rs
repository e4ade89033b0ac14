//! The call guide: procedure versions, the typification catalog, the
//! interactions agents run through the guide, and the cases that follow an
//! interaction not closed in first contact, with their history.

use super::m20261128_000001_create_users::Users;
use super::m20261129_000004_create_bases::BaseRecords;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum ProcedureVersions {
    Table,
    Id,
    Number,
    Status,
    Title,
    ApprovedOn,
    Author,
    Approver,
    Body,
    Source,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    PublishedAt,
    PublishedBy,
}

#[derive(DeriveIden)]
enum Typifications {
    Table,
    Code,
    Name,
    Requirement,
    Spc,
    Active,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum Interactions {
    Table,
    Id,
    Key,
    AgentId,
    RecordId,
    CaseId,
    ProcedureVersionId,
    Cuenta,
    TipoBase,
    Segmento,
    Status,
    CurrentStep,
    Answers,
    Path,
    StepSeconds,
    HoldSeconds,
    Revision,
    Requirement,
    Typification,
    Spc,
    Cun,
    CaseState,
    CallbackAt,
    Notes,
    StrategicNotes,
    StartedAt,
    UpdatedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
pub enum Cases {
    Table,
    Id,
    RecordId,
    Cuenta,
    TipoBase,
    Segmento,
    State,
    OwnerId,
    OpenedBy,
    LastInteractionId,
    Typification,
    CallbackAt,
    CreatedAt,
    UpdatedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum CaseEvents {
    Table,
    Id,
    CaseId,
    At,
    ActorId,
    Kind,
    Detail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProcedureVersions::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ProcedureVersions::Id))
                    .col(integer_uniq(ProcedureVersions::Number))
                    .col(string_len(ProcedureVersions::Status, 12))
                    .col(string_len(ProcedureVersions::Title, 200))
                    .col(date(ProcedureVersions::ApprovedOn))
                    .col(string_len(ProcedureVersions::Author, 200))
                    .col(string_len(ProcedureVersions::Approver, 200))
                    .col(text(ProcedureVersions::Body))
                    .col(text_null(ProcedureVersions::Source))
                    .col(big_integer_null(ProcedureVersions::CreatedBy))
                    .col(timestamp_with_time_zone(ProcedureVersions::CreatedAt))
                    .col(timestamp_with_time_zone(ProcedureVersions::UpdatedAt))
                    .col(timestamp_with_time_zone_null(
                        ProcedureVersions::PublishedAt,
                    ))
                    .col(big_integer_null(ProcedureVersions::PublishedBy))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Typifications::Table)
                    .if_not_exists()
                    .col(string_len(Typifications::Code, 40).primary_key())
                    .col(string_len(Typifications::Name, 200))
                    .col(string_len_null(Typifications::Requirement, 20))
                    .col(boolean(Typifications::Spc))
                    .col(boolean(Typifications::Active))
                    .col(timestamp_with_time_zone(Typifications::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Cases::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Cases::Id))
                    .col(big_integer(Cases::RecordId))
                    .col(string_len(Cases::Cuenta, 40))
                    .col(string_len(Cases::TipoBase, 20))
                    .col(string_len(Cases::Segmento, 10))
                    .col(string_len(Cases::State, 20))
                    .col(big_integer(Cases::OwnerId))
                    .col(big_integer(Cases::OpenedBy))
                    .col(big_integer(Cases::LastInteractionId))
                    .col(string_len_null(Cases::Typification, 40))
                    .col(timestamp_with_time_zone_null(Cases::CallbackAt))
                    .col(timestamp_with_time_zone(Cases::CreatedAt))
                    .col(timestamp_with_time_zone(Cases::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Cases::ClosedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cases_record")
                            .from(Cases::Table, Cases::RecordId)
                            .to(BaseRecords::Table, BaseRecords::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cases_owner")
                            .from(Cases::Table, Cases::OwnerId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Interactions::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Interactions::Id))
                    .col(string_len_uniq(Interactions::Key, 64))
                    .col(big_integer(Interactions::AgentId))
                    .col(big_integer(Interactions::RecordId))
                    .col(big_integer_null(Interactions::CaseId))
                    .col(big_integer(Interactions::ProcedureVersionId))
                    .col(string_len(Interactions::Cuenta, 40))
                    .col(string_len(Interactions::TipoBase, 20))
                    .col(string_len(Interactions::Segmento, 10))
                    .col(string_len(Interactions::Status, 12))
                    .col(string_len(Interactions::CurrentStep, 60))
                    .col(text(Interactions::Answers))
                    .col(text(Interactions::Path))
                    .col(text(Interactions::StepSeconds))
                    .col(integer(Interactions::HoldSeconds))
                    .col(big_integer(Interactions::Revision))
                    .col(string_len_null(Interactions::Requirement, 20))
                    .col(string_len_null(Interactions::Typification, 40))
                    .col(boolean_null(Interactions::Spc))
                    .col(string_len_null(Interactions::Cun, 40))
                    .col(string_len_null(Interactions::CaseState, 20))
                    .col(timestamp_with_time_zone_null(Interactions::CallbackAt))
                    .col(text_null(Interactions::Notes))
                    .col(text_null(Interactions::StrategicNotes))
                    .col(timestamp_with_time_zone(Interactions::StartedAt))
                    .col(timestamp_with_time_zone(Interactions::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Interactions::ClosedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_interactions_record")
                            .from(Interactions::Table, Interactions::RecordId)
                            .to(BaseRecords::Table, BaseRecords::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_interactions_agent")
                            .from(Interactions::Table, Interactions::AgentId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_interactions_version")
                            .from(Interactions::Table, Interactions::ProcedureVersionId)
                            .to(ProcedureVersions::Table, ProcedureVersions::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseEvents::Table)
                    .if_not_exists()
                    .col(big_pk_auto(CaseEvents::Id))
                    .col(big_integer(CaseEvents::CaseId))
                    .col(timestamp_with_time_zone(CaseEvents::At))
                    .col(big_integer_null(CaseEvents::ActorId))
                    .col(string_len(CaseEvents::Kind, 20))
                    .col(text(CaseEvents::Detail))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_events_case")
                            .from(CaseEvents::Table, CaseEvents::CaseId)
                            .to(Cases::Table, Cases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        let indexes = [
            Index::create()
                .name("idx_interactions_agent_status")
                .table(Interactions::Table)
                .col(Interactions::AgentId)
                .col(Interactions::Status)
                .to_owned(),
            Index::create()
                .name("idx_interactions_record")
                .table(Interactions::Table)
                .col(Interactions::RecordId)
                .to_owned(),
            Index::create()
                .name("idx_interactions_cuenta")
                .table(Interactions::Table)
                .col(Interactions::Cuenta)
                .col(Interactions::StartedAt)
                .to_owned(),
            Index::create()
                .name("idx_interactions_closed_at")
                .table(Interactions::Table)
                .col(Interactions::ClosedAt)
                .to_owned(),
            Index::create()
                .name("idx_cases_owner_state")
                .table(Cases::Table)
                .col(Cases::OwnerId)
                .col(Cases::State)
                .to_owned(),
            Index::create()
                .name("idx_cases_record")
                .table(Cases::Table)
                .col(Cases::RecordId)
                .to_owned(),
            Index::create()
                .name("idx_case_events_case")
                .table(CaseEvents::Table)
                .col(CaseEvents::CaseId)
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
            CaseEvents::Table.into_iden(),
            Interactions::Table.into_iden(),
            Cases::Table.into_iden(),
            Typifications::Table.into_iden(),
            ProcedureVersions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
