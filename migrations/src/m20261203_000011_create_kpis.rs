//! The indicators (SPEC §5): the facts the KPI engine counts, fed both by
//! Faro's own calls and by the imports of the external sources — the agents'
//! roster, the dialer's consolidated management report, interactions,
//! surveys, quality monitoring and attendance. Retention outcomes already
//! have their table (`retention_outcomes`, migration 9).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum KpiAgents {
    Table,
    Login,
    Name,
    Role,
    Supervisor,
    HiredOn,
    RetiredOn,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum KpiContacts {
    Table,
    Id,
    SourceKey,
    At,
    Day,
    Cuenta,
    TipoBase,
    Segmento,
    AgentLogin,
    Result,
    Contacted,
}

#[derive(DeriveIden)]
enum KpiInteractions {
    Table,
    Id,
    SourceKey,
    At,
    Day,
    Cuenta,
    AgentLogin,
    TipoBase,
    Segmento,
    Typification,
    Spc,
    Cun,
    NextAt,
    GapMicros,
}

#[derive(DeriveIden)]
enum KpiSurveys {
    Table,
    Id,
    SourceKey,
    Day,
    Cuenta,
    AgentLogin,
    Nps,
    Satisfaction,
    InteractionRef,
    ImportedAt,
}

#[derive(DeriveIden)]
enum KpiMonitoring {
    Table,
    Id,
    SourceKey,
    Day,
    AgentLogin,
    Score,
    Evaluator,
    InteractionRef,
    Checklist,
    Comments,
    CreatedAt,
}

#[derive(DeriveIden)]
enum KpiAttendance {
    Table,
    Id,
    Day,
    AgentLogin,
    Scheduled,
    Absent,
    Reason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(KpiAgents::Table)
                    .if_not_exists()
                    .col(string_len(KpiAgents::Login, 60).primary_key())
                    .col(string_len(KpiAgents::Name, 120))
                    .col(string_len(KpiAgents::Role, 20))
                    .col(string_len_null(KpiAgents::Supervisor, 60))
                    .col(date(KpiAgents::HiredOn))
                    .col(date_null(KpiAgents::RetiredOn))
                    .col(timestamp_with_time_zone(KpiAgents::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(KpiContacts::Table)
                    .if_not_exists()
                    .col(big_pk_auto(KpiContacts::Id))
                    // `faro:<source>:<id>` for own attempts, `gestion:<fecha_hora>|<cuenta>|<asesor>`
                    // for the dialer's report: a re-import or a retried attempt lands once.
                    .col(string_len_uniq(KpiContacts::SourceKey, 200))
                    .col(timestamp_with_time_zone(KpiContacts::At))
                    .col(date(KpiContacts::Day))
                    .col(string_len(KpiContacts::Cuenta, 40))
                    .col(string_len(KpiContacts::TipoBase, 20))
                    .col(string_len(KpiContacts::Segmento, 10))
                    .col(string_len(KpiContacts::AgentLogin, 60))
                    .col(string_len(KpiContacts::Result, 40))
                    .col(boolean(KpiContacts::Contacted))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(KpiInteractions::Table)
                    .if_not_exists()
                    .col(big_pk_auto(KpiInteractions::Id))
                    .col(string_len_uniq(KpiInteractions::SourceKey, 120))
                    .col(timestamp_with_time_zone(KpiInteractions::At))
                    .col(date(KpiInteractions::Day))
                    .col(string_len(KpiInteractions::Cuenta, 40))
                    .col(string_len(KpiInteractions::AgentLogin, 60))
                    .col(string_len(KpiInteractions::TipoBase, 20))
                    .col(string_len(KpiInteractions::Segmento, 10))
                    .col(string_len(KpiInteractions::Typification, 60))
                    .col(boolean(KpiInteractions::Spc))
                    .col(string_len_null(KpiInteractions::Cun, 40))
                    // The next interaction of the same customer with the same
                    // typification, kept exact on every write, so FCR's
                    // recontact test is `gap ≤ window` whatever the window.
                    .col(timestamp_with_time_zone_null(KpiInteractions::NextAt))
                    .col(big_integer_null(KpiInteractions::GapMicros))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(KpiSurveys::Table)
                    .if_not_exists()
                    .col(big_pk_auto(KpiSurveys::Id))
                    .col(string_len_uniq(KpiSurveys::SourceKey, 120))
                    .col(date(KpiSurveys::Day))
                    .col(string_len(KpiSurveys::Cuenta, 40))
                    .col(string_len(KpiSurveys::AgentLogin, 60))
                    .col(small_integer_null(KpiSurveys::Nps))
                    .col(small_integer_null(KpiSurveys::Satisfaction))
                    .col(string_len_null(KpiSurveys::InteractionRef, 120))
                    .col(timestamp_with_time_zone(KpiSurveys::ImportedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(KpiMonitoring::Table)
                    .if_not_exists()
                    .col(big_pk_auto(KpiMonitoring::Id))
                    // The import's id, or `faro:<n>` for an evaluation entered in Faro.
                    .col(string_len_uniq(KpiMonitoring::SourceKey, 120))
                    .col(date(KpiMonitoring::Day))
                    .col(string_len(KpiMonitoring::AgentLogin, 60))
                    .col(double(KpiMonitoring::Score))
                    .col(string_len(KpiMonitoring::Evaluator, 60))
                    .col(string_len_null(KpiMonitoring::InteractionRef, 120))
                    // The guide-step checklist of an evaluation entered in Faro (JSON).
                    .col(text_null(KpiMonitoring::Checklist))
                    .col(text_null(KpiMonitoring::Comments))
                    .col(timestamp_with_time_zone(KpiMonitoring::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(KpiAttendance::Table)
                    .if_not_exists()
                    .col(big_pk_auto(KpiAttendance::Id))
                    .col(date(KpiAttendance::Day))
                    .col(string_len(KpiAttendance::AgentLogin, 60))
                    .col(boolean(KpiAttendance::Scheduled))
                    .col(boolean(KpiAttendance::Absent))
                    .col(text_null(KpiAttendance::Reason))
                    .to_owned(),
            )
            .await?;

        let indexes = [
            Index::create()
                .name("idx_kpi_agents_supervisor")
                .table(KpiAgents::Table)
                .col(KpiAgents::Supervisor)
                .to_owned(),
            Index::create()
                .name("idx_kpi_contacts_day_agent")
                .table(KpiContacts::Table)
                .col(KpiContacts::Day)
                .col(KpiContacts::AgentLogin)
                .to_owned(),
            Index::create()
                .name("idx_kpi_interactions_day_agent")
                .table(KpiInteractions::Table)
                .col(KpiInteractions::Day)
                .col(KpiInteractions::AgentLogin)
                .to_owned(),
            // The FCR recontact lookup: same customer, same typification, later.
            Index::create()
                .name("idx_kpi_interactions_recontact")
                .table(KpiInteractions::Table)
                .col(KpiInteractions::Cuenta)
                .col(KpiInteractions::Typification)
                .col(KpiInteractions::At)
                .to_owned(),
            Index::create()
                .name("idx_kpi_surveys_day")
                .table(KpiSurveys::Table)
                .col(KpiSurveys::Day)
                .to_owned(),
            Index::create()
                .name("idx_kpi_monitoring_day")
                .table(KpiMonitoring::Table)
                .col(KpiMonitoring::Day)
                .to_owned(),
            Index::create()
                .name("uq_kpi_attendance_day_agent")
                .table(KpiAttendance::Table)
                .col(KpiAttendance::Day)
                .col(KpiAttendance::AgentLogin)
                .unique()
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
            KpiAttendance::Table.into_iden(),
            KpiMonitoring::Table.into_iden(),
            KpiSurveys::Table.into_iden(),
            KpiInteractions::Table.into_iden(),
            KpiContacts::Table.into_iden(),
            KpiAgents::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
