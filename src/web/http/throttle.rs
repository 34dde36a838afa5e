//! Throttling in memory (each app node counts its own; per-account locking lives in the
//! database): sliding windows of attempts per client address, and per target email for
//! password resets.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::http::header::RETRY_AFTER;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use crate::web::http::error::AppError;

/// Failed logins allowed from one address per window.
pub const MAX_FAILURES: usize = 20;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

/// Password reset requests allowed from one address per [`RESET_ADDRESS_WINDOW`].
pub const MAX_RESETS_PER_ADDRESS: usize = 10;
pub const RESET_ADDRESS_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Reset links sent to one email per [`RESET_EMAIL_WINDOW`].
pub const MAX_RESETS_PER_EMAIL: usize = 3;
pub const RESET_EMAIL_WINDOW: Duration = Duration::from_secs(60 * 60);

/// Keys remembered before the ones with nothing recent are dropped.
const MAX_KEYS: usize = 10_000;

/// At most `limit` attempts per key in any `window`.
pub struct SlidingWindow<K> {
    limit: usize,
    window: Duration,
    attempts: Mutex<HashMap<K, VecDeque<Instant>>>,
}

/// An attempt counted before its outcome is known; [`SlidingWindow::forgive`] takes back
/// this one attempt (a successful login), and only this one.
pub struct Attempt<K> {
    key: K,
    at: Instant,
}

impl<K: Hash + Eq + Clone> SlidingWindow<K> {
    pub fn new(limit: usize, window: Duration) -> Self {
        Self {
            limit,
            window,
            attempts: Mutex::new(HashMap::new()),
        }
    }

    /// Counts an attempt for `key` if the limit allows one now, so that concurrent
    /// attempts cannot all pass the check before any of them is counted.
    pub fn try_begin(&self, key: K, now: Instant) -> Option<Attempt<K>> {
        let mut map = self.attempts.lock().unwrap_or_else(|p| p.into_inner());
        let times = map.entry(key.clone()).or_default();
        forget_old(times, now, self.window);
        if times.len() >= self.limit {
            return None;
        }
        times.push_back(now);
        // Keep memory bounded: drop keys with nothing recent.
        if map.len() > MAX_KEYS {
            let window = self.window;
            map.retain(|_, t| {
                t.back()
                    .is_some_and(|last| now.duration_since(*last) < window)
            });
        }
        Some(Attempt { key, at: now })
    }

    /// Takes back one counted attempt; the others of the key stay counted.
    pub fn forgive(&self, attempt: Attempt<K>) {
        let mut map = self.attempts.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(times) = map.get_mut(&attempt.key)
            && let Some(i) = times.iter().rposition(|t| *t == attempt.at)
        {
            times.remove(i);
        }
    }

    /// The time until `key` may try again (zero when it may now).
    pub fn retry_after(&self, key: &K, now: Instant) -> Duration {
        let map = self.attempts.lock().unwrap_or_else(|p| p.into_inner());
        match map.get(key) {
            Some(times) if times.len() >= self.limit => times
                .get(times.len() - self.limit)
                .map_or(Duration::ZERO, |t| {
                    (*t + self.window).saturating_duration_since(now)
                }),
            _ => Duration::ZERO,
        }
    }
}

/// Login attempts per client address: counted before the password is checked, kept when it
/// fails (or the account is locked), taken back when it succeeds.
pub type LoginThrottle = SlidingWindow<IpAddr>;

impl Default for LoginThrottle {
    fn default() -> Self {
        SlidingWindow::new(MAX_FAILURES, WINDOW)
    }
}

/// Password reset requests, per client address and per email asked for.
pub struct ResetThrottle {
    pub per_address: SlidingWindow<IpAddr>,
    pub per_email: SlidingWindow<String>,
}

impl Default for ResetThrottle {
    fn default() -> Self {
        Self {
            per_address: SlidingWindow::new(MAX_RESETS_PER_ADDRESS, RESET_ADDRESS_WINDOW),
            per_email: SlidingWindow::new(MAX_RESETS_PER_EMAIL, RESET_EMAIL_WINDOW),
        }
    }
}

fn forget_old(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while times
        .front()
        .is_some_and(|t| now.duration_since(*t) >= window)
    {
        times.pop_front();
    }
}

/// A 429 page with the message `key` and the `Retry-After` seconds.
pub fn too_many(key: &'static str, retry_after: Duration) -> Response {
    let mut response = AppError::TooManyRequests(key).into_response();
    let seconds = retry_after.as_secs().max(1);
    response.headers_mut().insert(RETRY_AFTER, seconds.into());
    response
}

/// The client's address: the socket peer, or the last `X-Forwarded-For` hop when the app is
/// configured to sit behind a proxy that sets it (otherwise the header is ignored: anyone can
/// write it).
pub fn client_ip(parts: &Parts, trust_forwarded_for: bool) -> IpAddr {
    if trust_forwarded_for
        && let Some(ip) = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|s| s.trim().parse::<IpAddr>().ok())
            .next_back()
    {
        return ip;
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::from([127, 0, 0, 1]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    #[test]
    fn an_address_is_stopped_after_the_limit_and_released_after_the_window() {
        let throttle = LoginThrottle::default();
        let ip = IpAddr::from([203, 0, 113, 7]);
        let start = Instant::now();
        for _ in 0..MAX_FAILURES {
            assert!(throttle.try_begin(ip, start).is_some());
        }
        assert!(throttle.try_begin(ip, start).is_none());
        assert_eq!(throttle.retry_after(&ip, start), WINDOW);
        assert!(
            throttle
                .try_begin(IpAddr::from([203, 0, 113, 8]), start)
                .is_some(),
            "other addresses unaffected"
        );
        assert!(throttle.try_begin(ip, start + WINDOW).is_some());
    }

    #[test]
    fn forgiving_an_attempt_takes_back_that_one_only() {
        let throttle = SlidingWindow::new(3, WINDOW);
        let start = Instant::now();
        let _first = throttle.try_begin("a", start).expect("first");
        let _second = throttle.try_begin("a", start).expect("second");
        let third = throttle.try_begin("a", start).expect("third");
        assert!(throttle.try_begin("a", start).is_none());
        throttle.forgive(third);
        let fourth = throttle.try_begin("a", start).expect("a place again");
        assert!(throttle.try_begin("a", start).is_none(), "the others stay");
        throttle.forgive(fourth);
    }

    #[test]
    fn forwarded_for_is_ignored_unless_trusted() {
        let (parts, _) = Request::get("/")
            .header("x-forwarded-for", "198.51.100.1, 203.0.113.9")
            .body(())
            .expect("request")
            .into_parts();
        assert_eq!(client_ip(&parts, false), IpAddr::from([127, 0, 0, 1]));
        assert_eq!(client_ip(&parts, true), IpAddr::from([203, 0, 113, 9]));
    }
}
