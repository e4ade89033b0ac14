//! Each leader's calendar as an iCalendar (`.ics`) feed for Outlook and
//! Google Calendar. Calendar programs subscribe without a session, so the
//! address carries a secret token; the database keeps only its hash, and
//! asking for a new address retires the old one.

use super::leader_role;
use crate::db::entities::{calendar_events, calendar_feeds, users};
use crate::services::ServiceError;
use crate::services::authz::Actor;
use crate::services::sessions::{hash_token, random_token};
use app::api::practices::{EventStatus, FeedLink};
use app::paths::api;
use chrono::{DateTime, Duration, Utc};
use icalendar::{Calendar, Component, Event, EventLike};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, sea_query::OnConflict,
};

/// How much of the calendar a feed carries: the last month and the next
/// six.
pub const PAST_DAYS: i64 = 31;
pub const FUTURE_DAYS: i64 = 183;

/// A new secret address for the actor's feed (the previous one stops
/// working).
pub async fn create_link(
    db: &DatabaseConnection,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<FeedLink, ServiceError> {
    leader_role(actor)?;
    let token = random_token();
    calendar_feeds::Entity::insert(calendar_feeds::ActiveModel {
        leader_id: Set(actor.id),
        token_hash: Set(hash_token(&token)),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(calendar_feeds::Column::LeaderId)
            .update_columns([
                calendar_feeds::Column::TokenHash,
                calendar_feeds::Column::CreatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(FeedLink {
        path: format!("{}/{token}.ics", api::ICS_FEEDS),
    })
}

/// The feed for a token, or `None` when the token is unknown, retired, or
/// its leader no longer active.
pub async fn render(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, ServiceError> {
    let Some(feed) = calendar_feeds::Entity::find()
        .filter(calendar_feeds::Column::TokenHash.eq(hash_token(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(leader) = users::Entity::find_by_id(feed.leader_id)
        .filter(users::Column::Active.eq(true))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    // Cancelled events stay in the feed as cancelled, so subscribed
    // calendars remove them.
    let rows = calendar_events::Entity::find()
        .filter(calendar_events::Column::LeaderId.eq(leader.id))
        .filter(calendar_events::Column::StartsAt.gte(now - Duration::days(PAST_DAYS)))
        .filter(calendar_events::Column::StartsAt.lt(now + Duration::days(FUTURE_DAYS)))
        .order_by_asc(calendar_events::Column::StartsAt)
        .all(db)
        .await?;
    let mut calendar = Calendar::new();
    calendar
        .name(&format!("Faro — {}", leader.name))
        .description("Prácticas de gestión y agenda del líder");
    for row in rows {
        calendar.push(event_of(&row));
    }
    Ok(Some(calendar.done().to_string()))
}

fn event_of(row: &calendar_events::Model) -> Event {
    let mut event = Event::new();
    event
        .uid(&format!("faro-evento-{}@faro", row.id))
        .summary(&row.title)
        .starts(row.starts_at)
        .ends(row.starts_at + Duration::minutes(i64::from(row.minutes)))
        .timestamp(row.updated_at)
        .sequence(row.sequence.max(0) as u32)
        .status(match EventStatus::parse(&row.status) {
            Some(EventStatus::Cancelada) => icalendar::EventStatus::Cancelled,
            _ => icalendar::EventStatus::Confirmed,
        });
    if !row.notes.is_empty() {
        event.description(&row.notes);
    }
    event.done()
}
