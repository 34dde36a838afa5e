//! Anonymous pages kept in memory, whole (status, headers and the encoded body), and dropped
//! the moment the data behind them may have changed.
//!
//! A page is kept only when it cannot differ between visitors: a GET without a session cookie
//! (read as the session layer reads cookie names) or conditional headers, whose handler did not
//! find a signed-in viewer, answered 200 with HTML, JSON or a feed and no cookie set. It is
//! keyed by path and query, language and `Accept-Encoding`. Every node listens for the
//! database's change notices (`store::changes`) and empties its cache on each one. Before a
//! kept page is served, the node makes one round trip on its listening connection, shared by
//! every request waiting at that moment: PostgreSQL answers it only after the notices of all
//! transactions committed before it, so a page is never older than a write that finished before
//! the request arrived, through whichever node. A node also empties its cache after each write
//! it serves, before answering. While the listening connection is down the cache is off and
//! every page comes from the database (or says 503). Entries also expire after a while, for
//! what changes with the clock alone (overdue milestones), and the whole cache has a size
//! budget.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sqlx::PgPool;
use tokio::sync::{mpsc, oneshot};

use crate::store::changes::ChangeFeed;
use crate::web::http::locale::{cookie, locale_from_headers};
use crate::web::http::middleware::REQUEST_ID;

/// Largest body kept; bigger pages are served uncached.
const LARGEST_PAGE: usize = 1024 * 1024;

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
struct Key {
    path: String,
    locale: &'static str,
    accept_encoding: Vec<u8>,
}

struct Entry {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    stored: Instant,
}

#[derive(Default)]
struct Entries {
    pages: HashMap<Key, Arc<Entry>>,
    bytes: usize,
}

pub struct PageCache {
    entries: RwLock<Entries>,
    /// Moves on every change, so a page read before a change is never stored after it.
    generation: AtomicU64,
    /// Whether the change feed is listening (pages are neither served nor stored otherwise).
    listening: AtomicBool,
    lifetime: Duration,
    budget: usize,
    session_cookie: &'static str,
    /// Requests waiting for the next round trip on the listening connection.
    catch_up: mpsc::UnboundedSender<oneshot::Sender<bool>>,
    waiting: std::sync::Mutex<Option<mpsc::UnboundedReceiver<oneshot::Sender<bool>>>>,
}

/// With no request waiting, the listening connection is still checked this often: pages of
/// changes made meanwhile are dropped and a lost connection is noticed.
const IDLE_CHECK: Duration = Duration::from_secs(1);

impl PageCache {
    /// A cache that stays off until [`PageCache::follow_changes`] is listening. A zero
    /// `lifetime` or `budget` turns it off for good.
    pub fn new(lifetime: Duration, budget: usize, session_cookie: &'static str) -> Self {
        let (catch_up, waiting) = mpsc::unbounded_channel();
        Self {
            catch_up,
            waiting: std::sync::Mutex::new(Some(waiting)),
            entries: RwLock::default(),
            generation: AtomicU64::new(0),
            listening: AtomicBool::new(false),
            lifetime,
            budget,
            session_cookie,
        }
    }

    fn is_on(&self) -> bool {
        !self.lifetime.is_zero() && self.budget > 0 && self.listening.load(Ordering::Acquire)
    }

    /// Drops every page.
    pub fn clear(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        *entries = Entries::default();
    }

    /// Listens for the database's change notices for as long as the app runs, emptying the
    /// cache on each, and answers requests waiting to know they are caught up; reconnects
    /// (with the cache off meanwhile) whenever the connection drops.
    pub fn follow_changes(self: &Arc<Self>, db: PgPool) {
        if self.lifetime.is_zero() || self.budget == 0 {
            return;
        }
        let waiting = self
            .waiting
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let Some(mut waiting) = waiting else { return };
        let cache = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut retry = Duration::from_millis(100);
            loop {
                let feed = ChangeFeed::listen(&db).await;
                let Some(live) = cache.upgrade() else { return };
                let mut feed = match feed {
                    Ok(feed) => feed,
                    Err(error) => {
                        tracing::debug!(%error, "page cache: change feed unavailable");
                        drop(live);
                        tokio::time::sleep(retry).await;
                        retry = (retry * 2).min(Duration::from_secs(1));
                        continue;
                    }
                };
                retry = Duration::from_millis(100);
                // Whatever changed while nobody listened is unknown: start empty.
                live.clear();
                live.listening.store(true, Ordering::Release);
                drop(live);
                loop {
                    let mut waiters = Vec::new();
                    match tokio::time::timeout(IDLE_CHECK, waiting.recv()).await {
                        Ok(Some(first)) => waiters.push(first),
                        Ok(None) => return,
                        Err(_idle) => {}
                    }
                    while let Ok(next) = waiting.try_recv() {
                        waiters.push(next);
                    }
                    let caught_up = feed.catch_up().await;
                    let Some(live) = cache.upgrade() else { return };
                    match caught_up {
                        Ok(0) => {}
                        Ok(_) => live.clear(),
                        Err(error) => {
                            live.listening.store(false, Ordering::Release);
                            live.clear();
                            tracing::warn!(%error, "page cache off: its database connection was lost");
                        }
                    }
                    let ok = live.listening.load(Ordering::Acquire);
                    for waiter in waiters {
                        let _ = waiter.send(ok);
                    }
                    if !ok {
                        break;
                    }
                }
                if db.is_closed() {
                    return;
                }
            }
        });
    }

    /// Waits until every change committed before now has emptied the cache; false when the
    /// change feed is down (serve nothing from memory then).
    async fn caught_up(&self) -> bool {
        let (answer, answered) = oneshot::channel();
        if self.catch_up.send(answer).is_err() {
            return false;
        }
        answered.await.unwrap_or(false)
    }

    /// The key of a request whose answer may be shared, if it is one.
    fn key(&self, request: &Request) -> Option<Key> {
        if request.method() != Method::GET || !self.is_on() {
            return None;
        }
        let headers = request.headers();
        let personal = [
            header::AUTHORIZATION,
            header::IF_NONE_MATCH,
            header::IF_MODIFIED_SINCE,
            header::RANGE,
        ];
        if personal.iter().any(|name| headers.contains_key(name)) || self.has_session(headers) {
            return None;
        }
        Some(Key {
            path: request.uri().path_and_query()?.as_str().to_owned(),
            locale: locale_from_headers(headers).code(),
            accept_encoding: headers
                .get(header::ACCEPT_ENCODING)
                .map(|v| v.as_bytes().to_vec())
                .unwrap_or_default(),
        })
    }

    fn has_session(&self, headers: &HeaderMap) -> bool {
        cookie(headers, self.session_cookie).is_some()
    }

    fn get(&self, key: &Key) -> Option<Arc<Entry>> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        entries
            .pages
            .get(key)
            .filter(|entry| entry.stored.elapsed() < self.lifetime)
            .cloned()
    }

    /// Keeps a page read at `generation`, unless something changed since.
    fn put(&self, key: Key, entry: Entry, generation: u64) {
        let size = entry.body.len() + key.path.len();
        if size > self.budget.min(LARGEST_PAGE) {
            return;
        }
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        if !self.is_on() || self.generation.load(Ordering::Acquire) != generation {
            return;
        }
        if entries.bytes + size > self.budget {
            let lifetime = self.lifetime;
            entries.pages.retain(|_, e| e.stored.elapsed() < lifetime);
            entries.bytes = entries
                .pages
                .iter()
                .map(|(k, e)| e.body.len() + k.path.len())
                .sum();
            if entries.bytes + size > self.budget {
                *entries = Entries::default();
            }
        }
        if let Some(old) = entries.pages.insert(key.clone(), Arc::new(entry)) {
            entries.bytes -= old.body.len() + key.path.len();
        }
        entries.bytes += size;
    }
}

/// The content types worth keeping: pages, API answers and feeds (downloads stream as they are).
fn shareable(response: &Response) -> bool {
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && ["text/html", "application/json", "application/atom+xml"]
            .iter()
            .any(|kind| content_type.starts_with(kind))
}

impl Entry {
    fn response(&self) -> Response {
        let mut response = Response::new(Body::from(self.body.clone()));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        if let Ok(id) = HeaderValue::from_str(&uuid::Uuid::now_v7().to_string()) {
            response.headers_mut().insert(REQUEST_ID, id);
        }
        response
    }
}

/// A flag on a request that the cache may keep: whoever learns that the answer is for one
/// person (the session layer finding a signed-in viewer) raises it, and the answer is then
/// never kept, whatever the request's headers looked like.
#[derive(Clone, Default)]
pub struct Personal(Arc<AtomicBool>);

impl Personal {
    pub fn mark(extensions: &axum::http::Extensions) {
        if let Some(flag) = extensions.get::<Personal>() {
            flag.0.store(true, Ordering::Release);
        }
    }

    fn is_marked(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// The middleware: answers from the cache when it can, keeps what it may, and empties the
/// cache after a write.
pub async fn serve(State(cache): State<Arc<PageCache>>, request: Request, next: Next) -> Response {
    let Some(key) = cache.key(&request) else {
        let writes = !matches!(
            *request.method(),
            Method::GET | Method::HEAD | Method::OPTIONS
        );
        let response = next.run(request).await;
        // A refused write changed nothing; the notice of a real one may not be here yet.
        if writes && (response.status().is_success() || response.status().is_redirection()) {
            cache.clear();
        }
        return response;
    };
    if cache.get(&key).is_some()
        && cache.caught_up().await
        && let Some(entry) = cache.get(&key)
    {
        return entry.response();
    }
    let generation = cache.generation.load(Ordering::Acquire);
    let personal = Personal::default();
    let mut request = request;
    request.extensions_mut().insert(personal.clone());
    let response = next.run(request).await;
    if personal.is_marked() || !shareable(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = match to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(%error, "page body failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut headers = parts.headers.clone();
    headers.remove(REQUEST_ID);
    cache.put(
        key,
        Entry {
            status: parts.status,
            headers,
            body: body.clone(),
            stored: Instant::now(),
        },
        generation,
    );
    Response::from_parts(parts, Body::from(body))
}
