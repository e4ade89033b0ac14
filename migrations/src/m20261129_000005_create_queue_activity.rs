//! What happens on the floor: attempts on records, numbers never to call,
//! agents' states, reads of personal data, alerts for open tabs, and the
//! operation's adjustable settings.

use super::m20261128_000001_create_users::Users;
use super::m20261129_000004_create_bases::BaseRecords;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RecordAttempts {
    Table,
    Id,
    RecordId,
    AgentId,
    Result,
    At,
    CallbackAt,
    Source,
    ExternalId,
    Notes,
}

#[derive(DeriveIden)]
enum ExcludedNumbers {
    Table,
    Phone,
    Reason,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AgentStates {
    Table,
    UserId,
    State,
    Reason,
    Since,
    RecordId,
    Step,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PersonalDataAccess {
    Table,
    Id,
    UserId,
    Cuenta,
    RecordId,
    What,
    At,
}

#[derive(DeriveIden)]
enum Alerts {
    Table,
    Id,
    UserId,
    Kind,
    Payload,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AppSettings {
    Table,
    Key,
    Value,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RecordAttempts::Table)
                    .if_not_exists()
                    .col(big_pk_auto(RecordAttempts::Id))
                    .col(big_integer(RecordAttempts::RecordId))
                    .col(big_integer(RecordAttempts::AgentId))
                    .col(string_len(RecordAttempts::Result, 20))
                    .col(timestamp_with_time_zone(RecordAttempts::At))
                    .col(timestamp_with_time_zone_null(RecordAttempts::CallbackAt))
                    .col(string_len(RecordAttempts::Source, 12))
                    .col(string_len_null(RecordAttempts::ExternalId, 100))
                    .col(text_null(RecordAttempts::Notes))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_record_attempts_record")
                            .from(RecordAttempts::Table, RecordAttempts::RecordId)
                            .to(BaseRecords::Table, BaseRecords::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_record_attempts_agent")
                            .from(RecordAttempts::Table, RecordAttempts::AgentId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns, unique) in [
            (
                "idx_record_attempts_record",
                vec![RecordAttempts::RecordId],
                false,
            ),
            (
                "idx_record_attempts_agent_at",
                vec![RecordAttempts::AgentId, RecordAttempts::At],
                false,
            ),
            ("idx_record_attempts_at", vec![RecordAttempts::At], false),
            (
                "uq_record_attempts_external",
                vec![RecordAttempts::Source, RecordAttempts::ExternalId],
                true,
            ),
        ] {
            let mut index = Index::create();
            index
                .name(name)
                .table(RecordAttempts::Table)
                .if_not_exists();
            if unique {
                index.unique();
            }
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ExcludedNumbers::Table)
                    .if_not_exists()
                    .col(string_len(ExcludedNumbers::Phone, 20).primary_key())
                    .col(text(ExcludedNumbers::Reason))
                    .col(big_integer_null(ExcludedNumbers::CreatedBy))
                    .col(timestamp_with_time_zone(ExcludedNumbers::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_excluded_numbers_created_by")
                            .from(ExcludedNumbers::Table, ExcludedNumbers::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AgentStates::Table)
                    .if_not_exists()
                    .col(big_integer(AgentStates::UserId).primary_key())
                    .col(string_len(AgentStates::State, 16))
                    .col(string_len_null(AgentStates::Reason, 40))
                    .col(timestamp_with_time_zone(AgentStates::Since))
                    .col(big_integer_null(AgentStates::RecordId))
                    .col(string_len_null(AgentStates::Step, 80))
                    .col(timestamp_with_time_zone(AgentStates::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_agent_states_user")
                            .from(AgentStates::Table, AgentStates::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_agent_states_record")
                            .from(AgentStates::Table, AgentStates::RecordId)
                            .to(BaseRecords::Table, BaseRecords::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PersonalDataAccess::Table)
                    .if_not_exists()
                    .col(big_pk_auto(PersonalDataAccess::Id))
                    .col(big_integer(PersonalDataAccess::UserId))
                    .col(string_len(PersonalDataAccess::Cuenta, 40))
                    .col(big_integer_null(PersonalDataAccess::RecordId))
                    .col(string_len(PersonalDataAccess::What, 40))
                    .col(timestamp_with_time_zone(PersonalDataAccess::At))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_personal_data_access_user")
                            .from(PersonalDataAccess::Table, PersonalDataAccess::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            (
                "idx_personal_data_access_cuenta",
                vec![PersonalDataAccess::Cuenta, PersonalDataAccess::At],
            ),
            (
                "idx_personal_data_access_user",
                vec![PersonalDataAccess::UserId, PersonalDataAccess::At],
            ),
        ] {
            let mut index = Index::create();
            index
                .name(name)
                .table(PersonalDataAccess::Table)
                .if_not_exists();
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Alerts::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Alerts::Id))
                    .col(big_integer(Alerts::UserId))
                    .col(string_len(Alerts::Kind, 32))
                    .col(text(Alerts::Payload))
                    .col(timestamp_with_time_zone(Alerts::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_alerts_user")
                            .from(Alerts::Table, Alerts::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_alerts_created")
                    .table(Alerts::Table)
                    .col(Alerts::CreatedAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AppSettings::Table)
                    .if_not_exists()
                    .col(string_len(AppSettings::Key, 64).primary_key())
                    .col(text(AppSettings::Value))
                    .col(timestamp_with_time_zone(AppSettings::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AppSettings::Table.into_iden(),
            Alerts::Table.into_iden(),
            PersonalDataAccess::Table.into_iden(),
            AgentStates::Table.into_iden(),
            ExcludedNumbers::Table.into_iden(),
            RecordAttempts::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
