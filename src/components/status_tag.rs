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

    #[test]
    fn every_status_has_its_colour_and_its_words() {
        let table: [(&str, &str, &str, &str); 12] = [
            (
                QualificationStatus::Submitted.colour(),
                QualificationStatus::Submitted.words(),
                WAITING,
                "Submitted",
            ),
            (
                QualificationStatus::InReview.colour(),
                QualificationStatus::InReview.words(),
                WAITING,
                "In review",
            ),
            (
                QualificationStatus::Approved.colour(),
                QualificationStatus::Approved.words(),
                DONE,
                "Approved",
            ),
            (
                QualificationStatus::Rejected.colour(),
                QualificationStatus::Rejected.words(),
                REFUSED,
                "Rejected",
            ),
            (
                GoLiveStatus::Pending.colour(),
                GoLiveStatus::Pending.words(),
                WAITING,
                "Submitted",
            ),
            (
                GoLiveStatus::Approved.colour(),
                GoLiveStatus::Approved.words(),
                DONE,
                "Approved",
            ),
            (
                GoLiveStatus::Rejected.colour(),
                GoLiveStatus::Rejected.words(),
                REFUSED,
                "Rejected",
            ),
            (
                PermissionStatus::Pending.colour(),
                PermissionStatus::Pending.words(),
                WAITING,
                "Waiting for review",
            ),
            (
                PermissionStatus::Active.colour(),
                PermissionStatus::Active.words(),
                DONE,
                "Active",
            ),
            (
                PermissionStatus::Rejected.colour(),
                PermissionStatus::Rejected.words(),
                REFUSED,
                "Rejected",
            ),
            (AppStatus::Test.colour(), AppStatus::Test.words(), WAITING, "Test"),
            (
                AppStatus::Online.colour(),
                AppStatus::Online.words(),
                DONE,
                "Online",
            ),
        ];
        for (colour, words, expected_colour, expected_words) in table {
            assert_eq!((colour, words), (expected_colour, expected_words));
        }
    }
}
