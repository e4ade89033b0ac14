//! The hand-out order of records as one indexed column: the event date as
//! days since 1970 (records without a date last), so "next customer" walks an
//! index of a base in order instead of sorting all its records.

use super::m20261129_000004_create_bases::BaseRecords;
use sea_orm_migration::{prelude::*, schema::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum QueueOrder {
    QueueOrder,
}

/// The order of a record without an event date: after every dated one.
pub const UNDATED: i64 = 1 << 40;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(BaseRecords::Table)
                    .add_column(big_integer(QueueOrder::QueueOrder).default(UNDATED))
                    .to_owned(),
            )
            .await?;
        let days = match manager.get_database_backend() {
            DbBackend::Postgres => "(fecha_evento - DATE '1970-01-01')",
            _ => "CAST(julianday(fecha_evento) - 2440587.5 AS INTEGER)",
        };
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "UPDATE base_records SET queue_order = {days} WHERE fecha_evento IS NOT NULL"
            ))
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_base_records_hand_out")
                    .table(BaseRecords::Table)
                    .col(BaseRecords::BaseId)
                    .col((BaseRecords::Prioridad, IndexOrder::Desc))
                    .col(QueueOrder::QueueOrder)
                    .col(BaseRecords::Id)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_base_records_hand_out")
                    .table(BaseRecords::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(BaseRecords::Table)
                    .drop_column(QueueOrder::QueueOrder)
                    .to_owned(),
            )
            .await
    }
}
