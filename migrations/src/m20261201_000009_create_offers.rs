//! The offer selector (SPEC §4): the offer catalog and the retention
//! policies (each kept whole as JSON next to the columns queries need), the
//! history of their changes, the offers each call could present when it
//! started, every offer presented in a call with the customer's answer, and
//! the retention outcome per service that feeds the efectividad indicator
//! (own calls and, later, the `retencion` import).

use super::m20261128_000001_create_users::Users;
use super::m20261201_000008_create_guide::Interactions;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Offers {
    Table,
    Code,
    Level,
    Kind,
    Active,
    Body,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RetentionPolicies {
    Table,
    Code,
    BaseKind,
    Active,
    Body,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CatalogChanges {
    Table,
    Id,
    At,
    ActorId,
    Entity,
    Code,
    Action,
    Changes,
}

#[derive(DeriveIden)]
enum OfferSnapshots {
    Table,
    InteractionId,
    Eligible,
    TakenAt,
}

#[derive(DeriveIden)]
enum OfferPresentations {
    Table,
    Id,
    InteractionId,
    FieldId,
    Seq,
    AgentId,
    TipoBase,
    Segmento,
    OfferCode,
    OfferName,
    Kind,
    Level,
    Answer,
    ClosedAt,
}

#[derive(DeriveIden)]
enum RetentionOutcomes {
    Table,
    Id,
    SourceKey,
    InteractionId,
    ClosedAt,
    Cuenta,
    AgentId,
    AgentLogin,
    Segmento,
    TipoBase,
    Service,
    Result,
    OfferCode,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Offers::Table)
                    .if_not_exists()
                    .col(string_len(Offers::Code, 40).primary_key())
                    .col(small_integer(Offers::Level))
                    .col(string_len(Offers::Kind, 30))
                    .col(boolean(Offers::Active))
                    .col(text(Offers::Body))
                    .col(timestamp_with_time_zone(Offers::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RetentionPolicies::Table)
                    .if_not_exists()
                    .col(string_len(RetentionPolicies::Code, 40).primary_key())
                    .col(string_len(RetentionPolicies::BaseKind, 20))
                    .col(boolean(RetentionPolicies::Active))
                    .col(text(RetentionPolicies::Body))
                    .col(timestamp_with_time_zone(RetentionPolicies::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CatalogChanges::Table)
                    .if_not_exists()
                    .col(big_pk_auto(CatalogChanges::Id))
                    .col(timestamp_with_time_zone(CatalogChanges::At))
                    .col(big_integer_null(CatalogChanges::ActorId))
                    .col(string_len(CatalogChanges::Entity, 10))
                    .col(string_len(CatalogChanges::Code, 40))
                    .col(string_len(CatalogChanges::Action, 12))
                    .col(text(CatalogChanges::Changes))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_catalog_changes_actor")
                            .from(CatalogChanges::Table, CatalogChanges::ActorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OfferSnapshots::Table)
                    .if_not_exists()
                    .col(big_integer(OfferSnapshots::InteractionId).primary_key())
                    .col(text(OfferSnapshots::Eligible))
                    .col(timestamp_with_time_zone(OfferSnapshots::TakenAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_offer_snapshots_interaction")
                            .from(OfferSnapshots::Table, OfferSnapshots::InteractionId)
                            .to(Interactions::Table, Interactions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OfferPresentations::Table)
                    .if_not_exists()
                    .col(big_pk_auto(OfferPresentations::Id))
                    .col(big_integer(OfferPresentations::InteractionId))
                    .col(string_len(OfferPresentations::FieldId, 60))
                    .col(integer(OfferPresentations::Seq))
                    .col(big_integer(OfferPresentations::AgentId))
                    .col(string_len(OfferPresentations::TipoBase, 20))
                    .col(string_len(OfferPresentations::Segmento, 10))
                    .col(string_len(OfferPresentations::OfferCode, 40))
                    .col(string_len(OfferPresentations::OfferName, 200))
                    .col(string_len(OfferPresentations::Kind, 30))
                    .col(small_integer(OfferPresentations::Level))
                    .col(string_len(OfferPresentations::Answer, 12))
                    .col(timestamp_with_time_zone(OfferPresentations::ClosedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_offer_presentations_interaction")
                            .from(OfferPresentations::Table, OfferPresentations::InteractionId)
                            .to(Interactions::Table, Interactions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RetentionOutcomes::Table)
                    .if_not_exists()
                    .col(big_pk_auto(RetentionOutcomes::Id))
                    .col(string_len_uniq(RetentionOutcomes::SourceKey, 120))
                    .col(big_integer_null(RetentionOutcomes::InteractionId))
                    .col(timestamp_with_time_zone(RetentionOutcomes::ClosedAt))
                    .col(string_len(RetentionOutcomes::Cuenta, 40))
                    .col(big_integer_null(RetentionOutcomes::AgentId))
                    .col(string_len(RetentionOutcomes::AgentLogin, 60))
                    .col(string_len(RetentionOutcomes::Segmento, 10))
                    .col(string_len_null(RetentionOutcomes::TipoBase, 20))
                    .col(string_len(RetentionOutcomes::Service, 20))
                    .col(string_len(RetentionOutcomes::Result, 24))
                    .col(string_len_null(RetentionOutcomes::OfferCode, 40))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_retention_outcomes_interaction")
                            .from(RetentionOutcomes::Table, RetentionOutcomes::InteractionId)
                            .to(Interactions::Table, Interactions::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        let indexes = [
            Index::create()
                .name("uq_offer_presentations_seq")
                .table(OfferPresentations::Table)
                .col(OfferPresentations::InteractionId)
                .col(OfferPresentations::FieldId)
                .col(OfferPresentations::Seq)
                .unique()
                .to_owned(),
            Index::create()
                .name("idx_offer_presentations_closed_at")
                .table(OfferPresentations::Table)
                .col(OfferPresentations::ClosedAt)
                .to_owned(),
            Index::create()
                .name("idx_retention_outcomes_closed_at")
                .table(RetentionOutcomes::Table)
                .col(RetentionOutcomes::ClosedAt)
                .to_owned(),
            Index::create()
                .name("idx_catalog_changes_code")
                .table(CatalogChanges::Table)
                .col(CatalogChanges::Code)
                .col(CatalogChanges::At)
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
            RetentionOutcomes::Table.into_iden(),
            OfferPresentations::Table.into_iden(),
            OfferSnapshots::Table.into_iden(),
            CatalogChanges::Table.into_iden(),
            RetentionPolicies::Table.into_iden(),
            Offers::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
