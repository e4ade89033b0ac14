//! Summaries that keep the indicators fast at tens of millions of facts,
//! kept exact on every write and import by `server::services::kpis::summary`
//! (which also fills them from the facts the first time):
//!
//! * `kpi_daily`: per local day, agent, tipo_base and segmento, the counters
//!   of every indicator that adds up by day (FCR for the current window,
//!   efectividad, NPS, satisfacción, monitoring, attendance). Sources without
//!   a tipo_base or segmento store `''` there.
//! * `kpi_contact_days`: contactabilidad counts distinct records, which do not
//!   add up by day. Each record's days with attempts form a chain; a cell
//!   counts the record-days of a `chain` (`any` / `contacted`, and the same
//!   per segmento as `any_seg` / `contacted_seg`) by day and the record's
//!   previous such day (`0001-01-01` when none). The records of a period are
//!   then the record-days in it whose previous day is before it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum KpiDaily {
    Table,
    Day,
    AgentLogin,
    TipoBase,
    Segmento,
    Spc,
    SpcRecontacted,
    RetentionRequests,
    RetentionRetained,
    NpsAnswers,
    NpsPromoters,
    NpsDetractors,
    SatisfactionAnswers,
    SatisfactionSatisfied,
    Evaluations,
    ScoreMilli,
    Scheduled,
    Absent,
}

#[derive(DeriveIden)]
enum KpiContactDays {
    Table,
    Chain,
    TipoBase,
    Segmento,
    Day,
    PrevDay,
    N,
}

#[derive(DeriveIden)]
enum KpiContacts {
    Table,
    Cuenta,
    TipoBase,
    Day,
    AgentLogin,
}

#[derive(DeriveIden)]
enum KpiInteractions {
    Table,
    AgentLogin,
    Day,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut daily = Table::create();
        daily
            .table(KpiDaily::Table)
            .if_not_exists()
            .col(date(KpiDaily::Day))
            .col(string_len(KpiDaily::AgentLogin, 60))
            .col(string_len(KpiDaily::TipoBase, 20))
            .col(string_len(KpiDaily::Segmento, 10))
            .primary_key(
                Index::create()
                    .col(KpiDaily::Day)
                    .col(KpiDaily::AgentLogin)
                    .col(KpiDaily::TipoBase)
                    .col(KpiDaily::Segmento),
            );
        for counter in [
            KpiDaily::Spc,
            KpiDaily::SpcRecontacted,
            KpiDaily::RetentionRequests,
            KpiDaily::RetentionRetained,
            KpiDaily::NpsAnswers,
            KpiDaily::NpsPromoters,
            KpiDaily::NpsDetractors,
            KpiDaily::SatisfactionAnswers,
            KpiDaily::SatisfactionSatisfied,
            KpiDaily::Evaluations,
            KpiDaily::ScoreMilli,
            KpiDaily::Scheduled,
            KpiDaily::Absent,
        ] {
            daily.col(big_integer(counter).default(0));
        }
        manager.create_table(daily.to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(KpiContactDays::Table)
                    .if_not_exists()
                    .col(string_len(KpiContactDays::Chain, 16))
                    .col(string_len(KpiContactDays::TipoBase, 20))
                    .col(string_len(KpiContactDays::Segmento, 10))
                    .col(date(KpiContactDays::Day))
                    .col(date(KpiContactDays::PrevDay))
                    .col(big_integer(KpiContactDays::N))
                    .primary_key(
                        Index::create()
                            .col(KpiContactDays::Chain)
                            .col(KpiContactDays::Day)
                            .col(KpiContactDays::TipoBase)
                            .col(KpiContactDays::Segmento)
                            .col(KpiContactDays::PrevDay),
                    )
                    .to_owned(),
            )
            .await?;

        let indexes = [
            // A record's days, read on every attempt to keep its chain.
            Index::create()
                .name("idx_kpi_contacts_record_day")
                .table(KpiContacts::Table)
                .col(KpiContacts::Cuenta)
                .col(KpiContacts::TipoBase)
                .col(KpiContacts::Day)
                .to_owned(),
            // Contactabilidad of a team or an agent reads their attempts only.
            Index::create()
                .name("idx_kpi_contacts_agent_day")
                .table(KpiContacts::Table)
                .col(KpiContacts::AgentLogin)
                .col(KpiContacts::Day)
                .to_owned(),
            Index::create()
                .name("idx_kpi_interactions_agent_day")
                .table(KpiInteractions::Table)
                .col(KpiInteractions::AgentLogin)
                .col(KpiInteractions::Day)
                .to_owned(),
            Index::create()
                .name("idx_kpi_daily_agent_day")
                .table(KpiDaily::Table)
                .col(KpiDaily::AgentLogin)
                .col(KpiDaily::Day)
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
            KpiContactDays::Table.into_iden(),
            KpiDaily::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        for (table, name) in [
            (
                KpiContacts::Table.into_iden(),
                "idx_kpi_contacts_record_day",
            ),
            (KpiContacts::Table.into_iden(), "idx_kpi_contacts_agent_day"),
            (
                KpiInteractions::Table.into_iden(),
                "idx_kpi_interactions_agent_day",
            ),
        ] {
            manager
                .drop_index(Index::drop().name(name).table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
