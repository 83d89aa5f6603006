//! The order of a seller's journey, asked by the app (where to send a person next) and by
//! the server (what to refuse until the steps before are done).

use crate::{
    api::{Me, QualificationStatus},
    error::code,
};

/// A step of the journey, in the order a seller takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// Accept the current API use agreement.
    Agreement,
    /// Give developer information.
    Developer,
    /// Get the commercial-developer qualification approved.
    Qualification,
    /// Create apps and use their credentials.
    CreateApps,
}

impl Step {
    pub const ORDER: [Step; 4] = [
        Step::Agreement,
        Step::Developer,
        Step::Qualification,
        Step::CreateApps,
    ];

    /// The conflict code the server answers when this step is still to do.
    pub fn required_code(self) -> &'static str {
        match self {
            Step::Agreement => code::AGREEMENT_REQUIRED,
            Step::Developer => code::DEVELOPER_INFO_REQUIRED,
            Step::Qualification | Step::CreateApps => code::QUALIFICATION_REQUIRED,
        }
    }

    /// Whether an error code says a step of the journey was undone or not done yet
    /// somewhere else (another tab, a newer agreement, a reviewer), so the standing the
    /// app holds is out of date.
    pub fn is_journey_code(code: &str) -> bool {
        code == code::AGREEMENT_OUTDATED
            || code == code::EMAIL_UNVERIFIED
            || Step::ORDER.iter().any(|s| s.required_code() == code)
    }
}

/// What a seller has done so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub agreement_accepted: bool,
    pub developer_complete: bool,
    pub qualification: Option<QualificationStatus>,
    /// The contact e-mail address is confirmed through its link.
    pub email_verified: bool,
}

impl Progress {
    /// Why the qualification application cannot be submitted yet, as the conflict code: a
    /// step before it, or the contact e-mail address still to confirm (the form itself may be
    /// filled in meanwhile).
    pub fn submission_blocked(&self) -> Option<&'static str> {
        match self.missing_before(Step::Qualification) {
            Some(step) => Some(step.required_code()),
            None if !self.email_verified => Some(code::EMAIL_UNVERIFIED),
            None => None,
        }
    }

    pub fn done(&self, step: Step) -> bool {
        match step {
            Step::Agreement => self.agreement_accepted,
            Step::Developer => self.developer_complete,
            Step::Qualification => self.qualification == Some(QualificationStatus::Approved),
            Step::CreateApps => false,
        }
    }

    /// The first step before `step` still to do, if any.
    pub fn missing_before(&self, step: Step) -> Option<Step> {
        Step::ORDER
            .into_iter()
            .take_while(|s| *s < step)
            .find(|s| !self.done(*s))
    }
}

impl Me {
    pub fn progress(&self) -> Progress {
        Progress {
            agreement_accepted: !self.agreement.needs_acceptance(),
            developer_complete: self.developer_complete,
            qualification: self.qualification,
            email_verified: self.email_verified,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use QualificationStatus::*;

    fn progress(agreement: bool, developer: bool, qualification: Option<QualificationStatus>) -> Progress {
        Progress {
            agreement_accepted: agreement,
            developer_complete: developer,
            qualification,
            email_verified: false,
        }
    }

    #[test]
    fn the_first_undone_step_before_the_target_is_missing() {
        use Step::*;
        let cases = [
            (progress(false, false, None), Agreement, None),
            (progress(false, false, None), Developer, Some(Agreement)),
            (progress(false, true, None), CreateApps, Some(Agreement)),
            (progress(true, false, None), Developer, None),
            (progress(true, false, None), Qualification, Some(Developer)),
            (progress(true, true, None), Qualification, None),
            (
                progress(true, true, Some(Submitted)),
                CreateApps,
                Some(Qualification),
            ),
            (
                progress(true, true, Some(Rejected)),
                CreateApps,
                Some(Qualification),
            ),
            (progress(true, true, Some(Approved)), CreateApps, None),
            // A newer agreement asks again, even with everything else done.
            (progress(false, true, Some(Approved)), CreateApps, Some(Agreement)),
        ];
        for (p, target, want) in cases {
            assert_eq!(p.missing_before(target), want, "{p:?} before {target:?}");
        }
    }

    #[test]
    fn the_application_waits_for_the_steps_before_it_then_for_the_confirmed_address() {
        let verified = |p: Progress| Progress {
            email_verified: true,
            ..p
        };
        let cases = [
            (progress(false, false, None), Some(code::AGREEMENT_REQUIRED)),
            (
                verified(progress(false, true, None)),
                Some(code::AGREEMENT_REQUIRED),
            ),
            (progress(true, false, None), Some(code::DEVELOPER_INFO_REQUIRED)),
            (progress(true, true, None), Some(code::EMAIL_UNVERIFIED)),
            (progress(true, true, Some(Rejected)), Some(code::EMAIL_UNVERIFIED)),
            (verified(progress(true, true, None)), None),
            (verified(progress(true, true, Some(Rejected))), None),
        ];
        for (p, want) in cases {
            assert_eq!(p.submission_blocked(), want, "{p:?}");
        }
        assert!(Step::is_journey_code(code::EMAIL_UNVERIFIED));
    }

    #[test]
    fn every_step_has_a_journey_code() {
        for step in Step::ORDER {
            assert!(Step::is_journey_code(step.required_code()));
        }
        assert!(Step::is_journey_code(code::AGREEMENT_OUTDATED));
        assert!(!Step::is_journey_code(code::APPLICATION_LOCKED));
    }
}
