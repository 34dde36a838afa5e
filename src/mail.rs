//! Outgoing mail: through an SMTP server when one is configured, otherwise written as `.eml`
//! files to `<data_dir>/mailbox/`, so that a fresh install works without one and an
//! operator (or a test) can read what would have been sent.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::{Address, AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::config::Config;

/// One plain-text message to one person.
#[derive(Clone)]
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub body_text: String,
}

impl fmt::Debug for OutgoingMail {
    // Bodies carry invitation and reset links, which are as good as passwords.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutgoingMail")
            .field("to", &self.to)
            .field("subject", &self.subject)
            .field(
                "body_text",
                &format_args!("<{} bytes>", self.body_text.len()),
            )
            .finish()
    }
}

/// The recipient is not an email address; nothing was sent.
#[derive(Debug, thiserror::Error)]
#[error("cannot send mail to {address:?}: {reason}")]
pub struct InvalidRecipient {
    pub address: String,
    reason: lettre::address::AddressError,
}

/// Sends [`OutgoingMail`]; cheap to clone into the application state.
#[derive(Clone)]
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Mailbox {
        dir: PathBuf,
        files: AsyncFileTransport<Tokio1Executor>,
    },
}

impl Mailer {
    /// SMTP when `ABIERTO_SMTP_URL` is set (no connection is made until the first message),
    /// otherwise the mailbox directory, created here.
    pub fn from_config(config: &Config) -> anyhow::Result<Mailer> {
        let transport = match &config.smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
                    .context("ABIERTO_SMTP_URL is not a usable SMTP server address")?
                    .build(),
            ),
            None => {
                let dir = config.data_dir.join("mailbox");
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("creating the mailbox {}", dir.display()))?;
                Transport::Mailbox {
                    files: AsyncFileTransport::new(&dir),
                    dir,
                }
            }
        };
        Ok(Mailer {
            from: config.mail_from.clone(),
            transport,
        })
    }

    /// True when messages only reach a directory on the server, so whoever triggered one
    /// (an administrator inviting someone) should be shown its link instead.
    pub fn delivers_to_files(&self) -> bool {
        matches!(self.transport, Transport::Mailbox { .. })
    }

    /// The directory messages are written to, when they are not sent by SMTP.
    pub fn mailbox_dir(&self) -> Option<&Path> {
        match &self.transport {
            Transport::Smtp(_) => None,
            Transport::Mailbox { dir, .. } => Some(dir),
        }
    }

    /// Sends `mail`; an invalid recipient is an [`InvalidRecipient`] error.
    pub async fn send(&self, mail: OutgoingMail) -> anyhow::Result<()> {
        let address: Address = mail.to.trim().parse().map_err(|reason| InvalidRecipient {
            address: mail.to.clone(),
            reason,
        })?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(None, address))
            .subject(mail.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body_text)
            .context("composing the message")?;
        match &self.transport {
            Transport::Smtp(smtp) => {
                smtp.send(message)
                    .await
                    .context("sending the message by SMTP")?;
            }
            Transport::Mailbox { dir, files } => {
                let id = files
                    .send(message)
                    .await
                    .with_context(|| format!("writing the message to {}", dir.display()))?;
                tracing::info!(file = %dir.join(format!("{id}.eml")).display(), "mail written to the mailbox");
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The SMTP transport's own Debug would show its credentials.
        let transport = match &self.transport {
            Transport::Smtp(_) => "smtp".to_owned(),
            Transport::Mailbox { dir, .. } => format!("mailbox {}", dir.display()),
        };
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .field("transport", &transport)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A data directory under the system temporary directory, removed on drop.
    struct DataDir(PathBuf);

    impl DataDir {
        fn new() -> Self {
            static N: AtomicUsize = AtomicUsize::new(0);
            let path = std::env::temp_dir().join(format!(
                "abierto-mail-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            ));
            let _ = std::fs::remove_dir_all(&path);
            DataDir(path)
        }
    }

    impl Drop for DataDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn config(pairs: &[(&str, &str)]) -> Config {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned()).expect("valid config")
    }

    fn mailbox_mailer(data: &DataDir) -> Mailer {
        let data_dir = data.0.to_str().expect("utf-8 temp path");
        Mailer::from_config(&config(&[("ABIERTO_DATA", data_dir)])).expect("mailer")
    }

    fn written_messages(mailer: &Mailer) -> Vec<String> {
        let dir = mailer.mailbox_dir().expect("mailbox");
        std::fs::read_dir(dir)
            .expect("mailbox exists")
            .map(|entry| entry.expect("entry").path())
            .filter(|path| path.extension().is_some_and(|e| e == "eml"))
            .map(|path| std::fs::read_to_string(path).expect("readable"))
            .collect()
    }

    fn invitation(to: &str) -> OutgoingMail {
        OutgoingMail {
            to: to.into(),
            subject: "Invitación a Abierto".into(),
            body_text: "Estimada María:\n\nPara activar su cuenta, abra este enlace:\n\
                        http://127.0.0.1:3000/invitaciones/0195e2c4-7a1b-7cc0-9d43-6f1e2a3b4c5d?codigo=XyZ123\n"
                .into(),
        }
    }

    #[test]
    fn without_smtp_url_mail_goes_to_the_mailbox_in_the_data_directory() {
        let data = DataDir::new();
        let mailer = mailbox_mailer(&data);
        assert!(mailer.delivers_to_files());
        assert_eq!(mailer.mailbox_dir(), Some(data.0.join("mailbox").as_path()));
        assert!(data.0.join("mailbox").is_dir());
    }

    #[tokio::test]
    async fn mailbox_holds_one_eml_file_with_the_subject_and_the_link() {
        let data = DataDir::new();
        let mailer = mailbox_mailer(&data);
        mailer
            .send(invitation("maria.lopez@gobierno.ec"))
            .await
            .expect("sent");

        let messages = written_messages(&mailer);
        assert_eq!(messages.len(), 1);
        let eml = &messages[0];
        assert_eq!(
            header(eml, "To").as_deref(),
            Some("maria.lopez@gobierno.ec")
        );
        assert_eq!(
            header(eml, "From").as_deref(),
            Some("Abierto <no-reply@localhost>")
        );
        assert_eq!(
            decode_words(&header(eml, "Subject").expect("subject")),
            "Invitación a Abierto"
        );
        let body = decoded_body(eml);
        assert!(body.contains("Estimada María:"), "{body}");
        assert!(
            body.contains("http://127.0.0.1:3000/invitaciones/0195e2c4-7a1b-7cc0-9d43-6f1e2a3b4c5d?codigo=XyZ123"),
            "{body}"
        );
    }

    #[tokio::test]
    async fn invalid_recipient_is_an_error_and_nothing_is_written() {
        let data = DataDir::new();
        let mailer = mailbox_mailer(&data);
        let err = mailer
            .send(invitation("maria.lopez at gobierno.ec"))
            .await
            .expect_err("invalid address");
        let invalid = err.downcast_ref::<InvalidRecipient>().expect("typed error");
        assert_eq!(invalid.address, "maria.lopez at gobierno.ec");
        assert!(
            err.to_string().contains("maria.lopez at gobierno.ec"),
            "{err}"
        );
        assert!(written_messages(&mailer).is_empty());
    }

    #[test]
    fn smtp_url_selects_smtp_without_connecting_or_showing_the_password() {
        let mailer = Mailer::from_config(&config(&[(
            "ABIERTO_SMTP_URL",
            "smtps://abierto:s3cret@smtp.gob.ec:465",
        )]))
        .expect("mailer");
        assert!(!mailer.delivers_to_files());
        assert_eq!(mailer.mailbox_dir(), None);
        let shown = format!("{mailer:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
    }

    #[test]
    fn debug_of_outgoing_mail_leaves_out_the_body() {
        let shown = format!("{:?}", invitation("maria.lopez@gobierno.ec"));
        assert!(!shown.contains("codigo=XyZ123"), "{shown}");
    }

    /// The unfolded value of the first header called `name`.
    fn header(eml: &str, name: &str) -> Option<String> {
        let head = eml.split("\r\n\r\n").next().unwrap_or_default();
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        unfolded.split("\r\n").find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    }

    /// Decodes RFC 2047 `=?utf-8?b?…?=` words; the space between two of them is not text.
    fn decode_words(value: &str) -> String {
        let mut bytes = Vec::new();
        let mut previous_was_encoded = false;
        for (i, word) in value.split(' ').enumerate() {
            let encoded = word
                .strip_prefix("=?utf-8?b?")
                .and_then(|w| w.strip_suffix("?="));
            if i > 0 && !(previous_was_encoded && encoded.is_some()) {
                bytes.push(b' ');
            }
            match encoded {
                Some(payload) => bytes.extend(base64_decode(payload)),
                None => bytes.extend(word.as_bytes()),
            }
            previous_was_encoded = encoded.is_some();
        }
        String::from_utf8(bytes).expect("utf-8 header")
    }

    /// The message body, undoing whichever transfer encoding lettre chose for it.
    fn decoded_body(eml: &str) -> String {
        let (_, body) = eml.split_once("\r\n\r\n").expect("head and body");
        let encoding = header(eml, "Content-Transfer-Encoding").unwrap_or_default();
        let bytes = match encoding.to_ascii_lowercase().as_str() {
            "base64" => base64_decode(&body.replace("\r\n", "")),
            "quoted-printable" => quoted_printable_decode(body),
            _ => body.as_bytes().to_vec(),
        };
        String::from_utf8(bytes)
            .expect("utf-8 body")
            .replace("\r\n", "\n")
    }

    fn base64_decode(text: &str) -> Vec<u8> {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let sextets: Vec<u32> = text
            .bytes()
            .filter(|b| *b != b'=')
            .map(|b| ALPHABET.iter().position(|a| *a == b).expect("base64") as u32)
            .collect();
        let mut out = Vec::new();
        for chunk in sextets.chunks(4) {
            let mut group = 0;
            for (i, sextet) in chunk.iter().enumerate() {
                group |= sextet << (18 - 6 * i);
            }
            let bytes = group.to_be_bytes();
            out.extend(&bytes[1..chunk.len()]);
        }
        out
    }

    fn quoted_printable_decode(text: &str) -> Vec<u8> {
        let text = text.replace("=\r\n", "");
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'=' {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ascii");
                out.push(u8::from_str_radix(hex, 16).expect("hex escape"));
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        out
    }
}
