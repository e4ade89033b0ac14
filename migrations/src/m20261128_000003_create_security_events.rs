//! The security event log: logins, failures, lock-outs, role changes,
//! forbidden requests. Also the source of per-address login throttling, so
//! every server instance sees the same counts.

use super::m20261128_000001_create_users::Users;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SecurityEvents {
    Table,
    Id,
    CreatedAt,
    Kind,
    UserId,
    Login,
    Ip,
    Detail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SecurityEvents::Table)
                    .if_not_exists()
                    .col(big_pk_auto(SecurityEvents::Id))
                    .col(timestamp_with_time_zone(SecurityEvents::CreatedAt))
                    .col(string_len(SecurityEvents::Kind, 32))
                    .col(big_integer_null(SecurityEvents::UserId))
                    .col(string_len_null(SecurityEvents::Login, 100))
                    .col(string_len_null(SecurityEvents::Ip, 64))
                    .col(text(SecurityEvents::Detail))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_security_events_user")
                            .from(SecurityEvents::Table, SecurityEvents::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_security_events_ip_kind_time")
                    .table(SecurityEvents::Table)
                    .col(SecurityEvents::Ip)
                    .col(SecurityEvents::Kind)
                    .col(SecurityEvents::CreatedAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_security_events_user_time")
                    .table(SecurityEvents::Table)
                    .col(SecurityEvents::UserId)
                    .col(SecurityEvents::CreatedAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SecurityEvents::Table).to_owned())
            .await
    }
}
