//! A status as a coloured tag. Every status the portal shows is done (green), waiting on
//! someone (blue) or refused (red); this is the one place that says which, and how a tag
//! looks. Its words come from the text tables.

use crate::i18n;
use leptos::prelude::*;
use portal_core::api::{AppStatus, GoLiveStatus, PermissionStatus, QualificationStatus};

/// A status a tag can show.
pub trait Status: Copy {
    /// Its name in the reader's language.
    fn words(self) -> &'static str;
    /// Its colour, as the tag's modifier class.
    fn colour(self) -> &'static str;
}

const DONE: &str = "tag--green";
const WAITING: &str = "tag--blue";
const REFUSED: &str = "tag--red";

impl Status for QualificationStatus {
    fn words(self) -> &'static str {
        i18n::qualification_status(self)
    }

    fn colour(self) -> &'static str {
        match self {
            Self::Approved => DONE,
            Self::Rejected => REFUSED,
            Self::Submitted | Self::InReview => WAITING,
        }
    }
}

impl Status for GoLiveStatus {
    fn words(self) -> &'static str {
        i18n::go_live_status(self)
    }

    fn colour(self) -> &'static str {
        match self {
            Self::Approved => DONE,
            Self::Rejected => REFUSED,
            Self::Pending => WAITING,
        }
    }
}

impl Status for PermissionStatus {
    fn words(self) -> &'static str {
        i18n::permission_status(self)
    }

    fn colour(self) -> &'static str {
        match self {
            Self::Active => DONE,
            Self::Rejected => REFUSED,
            Self::Pending => WAITING,
        }
    }
}

/// An app online is done; one in test is still on its way.
impl Status for AppStatus {
    fn words(self) -> &'static str {
        match self {
            Self::Test => i18n::app_status_test(),
            Self::Online => i18n::app_status_online(),
        }
    }

    fn colour(self) -> &'static str {
        match self {
            Self::Online => DONE,
            Self::Test => WAITING,
        }
    }
}

/// `status` as a coloured tag.
pub fn status_tag(status: impl Status) -> AnyView {
    tag(status.colour(), status.words())
}

fn tag(colour: &'static str, words: &'static str) -> AnyView {
    view! { <span class=format!("tag {colour}")>{words}</span> }.into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a tag shows of `status`: its colour and its words.
    fn shown(status: impl Status) -> (&'static str, &'static str) {
        (status.colour(), status.words())
    }

    #[test]
    fn every_status_has_its_colour_and_its_words() {
        let table = [
            (shown(QualificationStatus::Submitted), (WAITING, "Submitted")),
            (shown(QualificationStatus::InReview), (WAITING, "In review")),
            (shown(QualificationStatus::Approved), (DONE, "Approved")),
            (shown(QualificationStatus::Rejected), (REFUSED, "Rejected")),
            (shown(GoLiveStatus::Pending), (WAITING, "Submitted")),
            (shown(GoLiveStatus::Approved), (DONE, "Approved")),
            (shown(GoLiveStatus::Rejected), (REFUSED, "Rejected")),
            (shown(PermissionStatus::Pending), (WAITING, "Waiting for review")),
            (shown(PermissionStatus::Active), (DONE, "Active")),
            (shown(PermissionStatus::Rejected), (REFUSED, "Rejected")),
            (shown(AppStatus::Test), (WAITING, "Test")),
            (shown(AppStatus::Online), (DONE, "Online")),
        ];
        for (seen, expected) in table {
            assert_eq!(seen, expected);
        }
    }
}
