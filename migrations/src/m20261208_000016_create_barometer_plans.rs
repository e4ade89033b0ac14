//! The action plans agreed in a barómetro meeting (SPEC §6):
//!
//! * `barometer_plans`: one plan per row — the survey question it answers,
//!   the action, its owner and due date, and whether it is closed. It
//!   belongs to the practice record of the meeting.
//! * `barometer_follow_ups`: each follow-up of a plan, the last one possibly
//!   closing it; `client_id` makes a resent follow-up land once.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BarometerPlans {
    Table,
    Id,
    RecordId,
    LeaderId,
    OwnerId,
    Question,
    Action,
    DueDate,
    Status,
    ClosedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BarometerFollowUps {
    Table,
    Id,
    ClientId,
    PlanId,
    AuthorId,
    Note,
    Closes,
    At,
}

#[derive(DeriveIden)]
enum PracticeRecords {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn to_user(name: &str, from: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from, column)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BarometerPlans::Table)
                    .if_not_exists()
                    .col(big_pk_auto(BarometerPlans::Id))
                    .col(big_integer(BarometerPlans::RecordId))
                    .col(big_integer(BarometerPlans::LeaderId))
                    .col(big_integer(BarometerPlans::OwnerId))
                    .col(text(BarometerPlans::Question))
                    .col(text(BarometerPlans::Action))
                    .col(date(BarometerPlans::DueDate))
                    .col(string_len(BarometerPlans::Status, 20))
                    .col(timestamp_with_time_zone_null(BarometerPlans::ClosedAt))
                    .col(timestamp_with_time_zone(BarometerPlans::CreatedAt))
                    .col(timestamp_with_time_zone(BarometerPlans::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_barometer_plans_record")
                            .from(BarometerPlans::Table, BarometerPlans::RecordId)
                            .to(PracticeRecords::Table, PracticeRecords::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut to_user(
                        "fk_barometer_plans_leader_id",
                        BarometerPlans::Table,
                        BarometerPlans::LeaderId,
                    ))
                    .foreign_key(&mut to_user(
                        "fk_barometer_plans_owner_id",
                        BarometerPlans::Table,
                        BarometerPlans::OwnerId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BarometerFollowUps::Table)
                    .if_not_exists()
                    .col(big_pk_auto(BarometerFollowUps::Id))
                    .col(string_len_uniq(BarometerFollowUps::ClientId, 80))
                    .col(big_integer(BarometerFollowUps::PlanId))
                    .col(big_integer(BarometerFollowUps::AuthorId))
                    .col(text(BarometerFollowUps::Note))
                    .col(boolean(BarometerFollowUps::Closes))
                    .col(timestamp_with_time_zone(BarometerFollowUps::At))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_barometer_follow_ups_plan")
                            .from(BarometerFollowUps::Table, BarometerFollowUps::PlanId)
                            .to(BarometerPlans::Table, BarometerPlans::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut to_user(
                        "fk_barometer_follow_ups_author_id",
                        BarometerFollowUps::Table,
                        BarometerFollowUps::AuthorId,
                    ))
                    .to_owned(),
            )
            .await?;
        let indexes = [
            // A leader's plans, open ones first.
            Index::create()
                .name("idx_barometer_plans_leader_status")
                .table(BarometerPlans::Table)
                .col(BarometerPlans::LeaderId)
                .col(BarometerPlans::Status)
                .to_owned(),
            Index::create()
                .name("idx_barometer_plans_owner")
                .table(BarometerPlans::Table)
                .col(BarometerPlans::OwnerId)
                .to_owned(),
            Index::create()
                .name("idx_barometer_follow_ups_plan")
                .table(BarometerFollowUps::Table)
                .col(BarometerFollowUps::PlanId)
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
            BarometerFollowUps::Table.into_iden(),
            BarometerPlans::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
