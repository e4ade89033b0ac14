//! Leaders' management practices (SPEC §6):
//!
//! * `practice_catalog`: the nine practices with frequency, duration and the
//!   goal per role (JSON), admin-editable; changes go to `catalog_changes`.
//! * `calendar_events`: a leader's calendar — practices planned (alone or
//!   as part of a series) and free "Agenda del líder" items.
//! * `practice_records`: a practice done, with its per-kind details (JSON);
//!   a confirmación de proceso names the agent observed, who reads the
//!   score and feedback. `client_id` makes a tablet's offline retries land
//!   once.
//! * `calendar_feeds`: the secret of each leader's `.ics` feed (hashed).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PracticeCatalog {
    Table,
    Kind,
    Frequency,
    DurationMinutes,
    Goals,
    Active,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CalendarEvents {
    Table,
    Id,
    LeaderId,
    Kind,
    Title,
    StartsAt,
    Minutes,
    Participants,
    Notes,
    SeriesId,
    Status,
    RecordId,
    Sequence,
    RequestId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PracticeRecords {
    Table,
    Id,
    ClientId,
    LeaderId,
    Kind,
    EventId,
    Day,
    StartedAt,
    Minutes,
    Participants,
    Notes,
    Details,
    AgentId,
    ScoreMilli,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CalendarFeeds {
    Table,
    LeaderId,
    TokenHash,
    CreatedAt,
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
                    .table(PracticeCatalog::Table)
                    .if_not_exists()
                    .col(string_len(PracticeCatalog::Kind, 40).primary_key())
                    .col(string_len(PracticeCatalog::Frequency, 20))
                    .col(integer(PracticeCatalog::DurationMinutes))
                    .col(text(PracticeCatalog::Goals))
                    .col(boolean(PracticeCatalog::Active))
                    .col(timestamp_with_time_zone(PracticeCatalog::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PracticeRecords::Table)
                    .if_not_exists()
                    .col(big_pk_auto(PracticeRecords::Id))
                    .col(string_len_uniq(PracticeRecords::ClientId, 80))
                    .col(big_integer(PracticeRecords::LeaderId))
                    .col(string_len(PracticeRecords::Kind, 40))
                    .col(big_integer_null(PracticeRecords::EventId))
                    .col(date(PracticeRecords::Day))
                    .col(timestamp_with_time_zone(PracticeRecords::StartedAt))
                    .col(integer(PracticeRecords::Minutes))
                    .col(text(PracticeRecords::Participants))
                    .col(text(PracticeRecords::Notes))
                    .col(text(PracticeRecords::Details))
                    .col(big_integer_null(PracticeRecords::AgentId))
                    .col(integer_null(PracticeRecords::ScoreMilli))
                    .col(timestamp_with_time_zone(PracticeRecords::CreatedAt))
                    .foreign_key(&mut to_user(
                        "fk_practice_records_leader_id",
                        PracticeRecords::Table,
                        PracticeRecords::LeaderId,
                    ))
                    .foreign_key(&mut to_user(
                        "fk_practice_records_agent_id",
                        PracticeRecords::Table,
                        PracticeRecords::AgentId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CalendarEvents::Table)
                    .if_not_exists()
                    .col(big_pk_auto(CalendarEvents::Id))
                    .col(big_integer(CalendarEvents::LeaderId))
                    .col(string_len_null(CalendarEvents::Kind, 40))
                    .col(string_len(CalendarEvents::Title, 160))
                    .col(timestamp_with_time_zone(CalendarEvents::StartsAt))
                    .col(integer(CalendarEvents::Minutes))
                    .col(text(CalendarEvents::Participants))
                    .col(text(CalendarEvents::Notes))
                    .col(string_len_null(CalendarEvents::SeriesId, 80))
                    .col(string_len(CalendarEvents::Status, 20))
                    .col(big_integer_null(CalendarEvents::RecordId))
                    // Bumped on every change, for the .ics SEQUENCE.
                    .col(integer(CalendarEvents::Sequence))
                    .col(string_len_null(CalendarEvents::RequestId, 80).unique_key())
                    .col(timestamp_with_time_zone(CalendarEvents::CreatedAt))
                    .col(timestamp_with_time_zone(CalendarEvents::UpdatedAt))
                    .foreign_key(&mut to_user(
                        "fk_calendar_events_leader_id",
                        CalendarEvents::Table,
                        CalendarEvents::LeaderId,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_calendar_events_record")
                            .from(CalendarEvents::Table, CalendarEvents::RecordId)
                            .to(PracticeRecords::Table, PracticeRecords::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CalendarFeeds::Table)
                    .if_not_exists()
                    .col(big_integer(CalendarFeeds::LeaderId).primary_key())
                    .col(string_len_uniq(CalendarFeeds::TokenHash, 80))
                    .col(timestamp_with_time_zone(CalendarFeeds::CreatedAt))
                    .foreign_key(&mut to_user(
                        "fk_calendar_feeds_leader_id",
                        CalendarFeeds::Table,
                        CalendarFeeds::LeaderId,
                    ))
                    .to_owned(),
            )
            .await?;

        let indexes = [
            // A leader's calendar by date range.
            Index::create()
                .name("idx_calendar_events_leader_start")
                .table(CalendarEvents::Table)
                .col(CalendarEvents::LeaderId)
                .col(CalendarEvents::StartsAt)
                .to_owned(),
            // Adherence: a leader's practices done by day.
            Index::create()
                .name("idx_practice_records_leader_day")
                .table(PracticeRecords::Table)
                .col(PracticeRecords::LeaderId)
                .col(PracticeRecords::Day)
                .to_owned(),
            // An agent's confirmación de proceso feedback.
            Index::create()
                .name("idx_practice_records_agent")
                .table(PracticeRecords::Table)
                .col(PracticeRecords::AgentId)
                .col(PracticeRecords::Day)
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
            CalendarFeeds::Table.into_iden(),
            CalendarEvents::Table.into_iden(),
            PracticeRecords::Table.into_iden(),
            PracticeCatalog::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
