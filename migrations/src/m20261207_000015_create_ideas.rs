//! The ideas board of the mejora continua meetings (SPEC §6):
//!
//! * `ideas`: an idea or improvement proposed by an agent or a leader, with
//!   where it stands (`PROPUESTA` → `APROBADA` / `DESCARTADA` →
//!   `ENTREGADA`) and, once delivered, the client's answer. `client_id`
//!   makes a resent proposal land once.
//! * `idea_events`: every step of an idea, who took it, when and why.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Ideas {
    Table,
    Id,
    ClientId,
    AuthorId,
    Area,
    Title,
    Description,
    Status,
    ClientStatus,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum IdeaEvents {
    Table,
    Id,
    IdeaId,
    ActorId,
    Action,
    Status,
    ClientStatus,
    Note,
    At,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Ideas::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Ideas::Id))
                    .col(string_len_uniq(Ideas::ClientId, 80))
                    .col(big_integer(Ideas::AuthorId))
                    .col(string_len(Ideas::Area, 20))
                    .col(string_len(Ideas::Title, 160))
                    .col(text(Ideas::Description))
                    .col(string_len(Ideas::Status, 20))
                    .col(string_len_null(Ideas::ClientStatus, 20))
                    .col(timestamp_with_time_zone(Ideas::CreatedAt))
                    .col(timestamp_with_time_zone(Ideas::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_ideas_author_id")
                            .from(Ideas::Table, Ideas::AuthorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IdeaEvents::Table)
                    .if_not_exists()
                    .col(big_pk_auto(IdeaEvents::Id))
                    .col(big_integer(IdeaEvents::IdeaId))
                    .col(big_integer(IdeaEvents::ActorId))
                    .col(string_len(IdeaEvents::Action, 30))
                    .col(string_len(IdeaEvents::Status, 20))
                    .col(string_len_null(IdeaEvents::ClientStatus, 20))
                    .col(text(IdeaEvents::Note))
                    .col(timestamp_with_time_zone(IdeaEvents::At))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_idea_events_idea_id")
                            .from(IdeaEvents::Table, IdeaEvents::IdeaId)
                            .to(Ideas::Table, Ideas::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_idea_events_actor_id")
                            .from(IdeaEvents::Table, IdeaEvents::ActorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        let indexes = [
            // The board of a team: its authors' ideas by status.
            Index::create()
                .name("idx_ideas_author_status")
                .table(Ideas::Table)
                .col(Ideas::AuthorId)
                .col(Ideas::Status)
                .to_owned(),
            Index::create()
                .name("idx_idea_events_idea")
                .table(IdeaEvents::Table)
                .col(IdeaEvents::IdeaId)
                .col(IdeaEvents::Id)
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
        for table in [IdeaEvents::Table.into_iden(), Ideas::Table.into_iden()] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
