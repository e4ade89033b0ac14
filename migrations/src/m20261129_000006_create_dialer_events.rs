//! Events received from the dialer, kept by the dialer's own event id so a
//! resent event is applied once.

use super::m20261128_000001_create_users::Users;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DialerEvents {
    Table,
    Id,
    EventId,
    Kind,
    AgentId,
    RecordId,
    Result,
    ReceivedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DialerEvents::Table)
                    .if_not_exists()
                    .col(big_pk_auto(DialerEvents::Id))
                    .col(string_len(DialerEvents::EventId, 100).unique_key())
                    .col(string_len(DialerEvents::Kind, 20))
                    .col(big_integer(DialerEvents::AgentId))
                    .col(big_integer(DialerEvents::RecordId))
                    .col(string_len_null(DialerEvents::Result, 20))
                    .col(timestamp_with_time_zone(DialerEvents::ReceivedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_dialer_events_agent")
                            .from(DialerEvents::Table, DialerEvents::AgentId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DialerEvents::Table).to_owned())
            .await
    }
}
