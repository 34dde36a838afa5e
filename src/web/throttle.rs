//! Login throttling per client address: a sliding window of failed attempts, in memory
//! (each app node counts its own; per-account locking lives in the database).

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::http::request::Parts;

/// Failed logins allowed from one address per window.
pub const MAX_FAILURES: usize = 20;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl LoginThrottle {
    /// Whether this address may try again now.
    pub fn allows(&self, ip: IpAddr, now: Instant) -> bool {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        match map.get_mut(&ip) {
            Some(times) => {
                forget_old(times, now);
                times.len() < MAX_FAILURES
            }
            None => true,
        }
    }

    pub fn record_failure(&self, ip: IpAddr, now: Instant) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let times = map.entry(ip).or_default();
        forget_old(times, now);
        times.push_back(now);
        // Keep memory bounded: drop addresses with nothing recent.
        if map.len() > 10_000 {
            map.retain(|_, t| {
                t.back()
                    .is_some_and(|last| now.duration_since(*last) < WINDOW)
            });
        }
    }

    pub fn record_success(&self, ip: IpAddr) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&ip);
    }
}

fn forget_old(times: &mut VecDeque<Instant>, now: Instant) {
    while times
        .front()
        .is_some_and(|t| now.duration_since(*t) >= WINDOW)
    {
        times.pop_front();
    }
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
            assert!(throttle.allows(ip, start));
            throttle.record_failure(ip, start);
        }
        assert!(!throttle.allows(ip, start));
        assert!(
            throttle.allows(IpAddr::from([203, 0, 113, 8]), start),
            "other addresses unaffected"
        );
        assert!(throttle.allows(ip, start + WINDOW));
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
