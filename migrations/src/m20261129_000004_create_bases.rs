//! Bases, the teams that work them, their imports and their records.

use super::m20261128_000001_create_users::Users;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub(crate) enum Bases {
    Table,
    Id,
    Name,
    Kind,
    Segments,
    ValidFrom,
    ValidTo,
    Status,
    ContactPolicy,
    RetryRules,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BaseTeams {
    Table,
    BaseId,
    SupervisorId,
}

#[derive(DeriveIden)]
pub(crate) enum BaseImports {
    Table,
    Id,
    BaseId,
    BaseName,
    FileName,
    FileSha256,
    Status,
    RowsTotal,
    RowsProcessed,
    RowsInserted,
    RowsDuplicated,
    Errors,
    CreatedBy,
    CreatedAt,
    HeartbeatAt,
    FinishedAt,
}

#[derive(DeriveIden)]
pub(crate) enum BaseRecords {
    Table,
    Id,
    BaseId,
    Cuenta,
    Segmento,
    Nombre,
    Documento,
    Telefonos,
    Ciudad,
    Servicios,
    Plan,
    AntiguedadMeses,
    ValorMensualCentavos,
    Motivo,
    NotaEncuesta,
    FechaEvento,
    Ofrecimientos,
    Prioridad,
    Extra,
    Status,
    Attempts,
    LastResult,
    LastAttemptAt,
    NextAttemptAt,
    CallbackAt,
    OwnerAgentId,
    LeaseAgentId,
    LeaseExpiresAt,
    ImportId,
    LineNumber,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Bases::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Bases::Id))
                    .col(string_len_uniq(Bases::Name, 120))
                    .col(string_len(Bases::Kind, 20))
                    .col(string_len(Bases::Segments, 20))
                    .col(date_null(Bases::ValidFrom))
                    .col(date_null(Bases::ValidTo))
                    .col(string_len(Bases::Status, 12))
                    .col(text(Bases::ContactPolicy))
                    .col(text(Bases::RetryRules))
                    .col(big_integer_null(Bases::CreatedBy))
                    .col(timestamp_with_time_zone(Bases::CreatedAt))
                    .col(timestamp_with_time_zone(Bases::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_bases_created_by")
                            .from(Bases::Table, Bases::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BaseTeams::Table)
                    .if_not_exists()
                    .col(big_integer(BaseTeams::BaseId))
                    .col(big_integer(BaseTeams::SupervisorId))
                    .primary_key(
                        Index::create()
                            .col(BaseTeams::BaseId)
                            .col(BaseTeams::SupervisorId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_base_teams_base")
                            .from(BaseTeams::Table, BaseTeams::BaseId)
                            .to(Bases::Table, Bases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_base_teams_supervisor")
                            .from(BaseTeams::Table, BaseTeams::SupervisorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BaseImports::Table)
                    .if_not_exists()
                    .col(big_pk_auto(BaseImports::Id))
                    .col(big_integer_null(BaseImports::BaseId))
                    .col(string_len(BaseImports::BaseName, 120))
                    .col(string_len(BaseImports::FileName, 255))
                    .col(string_len(BaseImports::FileSha256, 64))
                    .col(string_len(BaseImports::Status, 16))
                    .col(integer(BaseImports::RowsTotal).default(0))
                    .col(integer(BaseImports::RowsProcessed).default(0))
                    .col(integer(BaseImports::RowsInserted).default(0))
                    .col(integer(BaseImports::RowsDuplicated).default(0))
                    .col(text(BaseImports::Errors))
                    .col(big_integer_null(BaseImports::CreatedBy))
                    .col(timestamp_with_time_zone(BaseImports::CreatedAt))
                    .col(timestamp_with_time_zone(BaseImports::HeartbeatAt))
                    .col(timestamp_with_time_zone_null(BaseImports::FinishedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_base_imports_base")
                            .from(BaseImports::Table, BaseImports::BaseId)
                            .to(Bases::Table, Bases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_base_imports_created_by")
                            .from(BaseImports::Table, BaseImports::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BaseRecords::Table)
                    .if_not_exists()
                    .col(big_pk_auto(BaseRecords::Id))
                    .col(big_integer(BaseRecords::BaseId))
                    .col(string_len(BaseRecords::Cuenta, 40))
                    .col(string_len(BaseRecords::Segmento, 8))
                    .col(string_len(BaseRecords::Nombre, 200))
                    .col(string_len_null(BaseRecords::Documento, 40))
                    .col(text(BaseRecords::Telefonos))
                    .col(string_len_null(BaseRecords::Ciudad, 80))
                    .col(text_null(BaseRecords::Servicios))
                    .col(string_len_null(BaseRecords::Plan, 200))
                    .col(integer_null(BaseRecords::AntiguedadMeses))
                    .col(big_integer_null(BaseRecords::ValorMensualCentavos))
                    .col(text_null(BaseRecords::Motivo))
                    .col(integer_null(BaseRecords::NotaEncuesta))
                    .col(date_null(BaseRecords::FechaEvento))
                    .col(text_null(BaseRecords::Ofrecimientos))
                    .col(integer(BaseRecords::Prioridad).default(0))
                    .col(text_null(BaseRecords::Extra))
                    .col(string_len(BaseRecords::Status, 12))
                    .col(integer(BaseRecords::Attempts).default(0))
                    .col(string_len_null(BaseRecords::LastResult, 20))
                    .col(timestamp_with_time_zone_null(BaseRecords::LastAttemptAt))
                    .col(timestamp_with_time_zone_null(BaseRecords::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(BaseRecords::CallbackAt))
                    .col(big_integer_null(BaseRecords::OwnerAgentId))
                    .col(big_integer_null(BaseRecords::LeaseAgentId))
                    .col(timestamp_with_time_zone_null(BaseRecords::LeaseExpiresAt))
                    .col(big_integer_null(BaseRecords::ImportId))
                    .col(integer(BaseRecords::LineNumber).default(0))
                    .col(timestamp_with_time_zone(BaseRecords::CreatedAt))
                    .col(timestamp_with_time_zone(BaseRecords::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_base_records_base")
                            .from(BaseRecords::Table, BaseRecords::BaseId)
                            .to(Bases::Table, Bases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_base_records_owner")
                            .from(BaseRecords::Table, BaseRecords::OwnerAgentId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_base_records_lease")
                            .from(BaseRecords::Table, BaseRecords::LeaseAgentId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_base_records_import")
                            .from(BaseRecords::Table, BaseRecords::ImportId)
                            .to(BaseImports::Table, BaseImports::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        for (name, columns) in [
            (
                "uq_base_records_base_cuenta",
                vec![BaseRecords::BaseId, BaseRecords::Cuenta],
            ),
            (
                "idx_base_records_queue",
                vec![
                    BaseRecords::BaseId,
                    BaseRecords::Status,
                    BaseRecords::NextAttemptAt,
                ],
            ),
            ("idx_base_records_lease", vec![BaseRecords::LeaseAgentId]),
            (
                "idx_base_records_owner_callback",
                vec![BaseRecords::OwnerAgentId, BaseRecords::CallbackAt],
            ),
            ("idx_base_records_cuenta", vec![BaseRecords::Cuenta]),
        ] {
            let mut index = Index::create();
            index.name(name).table(BaseRecords::Table).if_not_exists();
            if name.starts_with("uq_") {
                index.unique();
            }
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BaseRecords::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(BaseImports::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(BaseTeams::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Bases::Table).to_owned())
            .await
    }
}
