//! An app's way from test to online in its console: the limits while in test, the request
//! (what the app does in production, the calls it expects), where it stands on a timeline,
//! a rejection's reason with the request to send again, and online at last.

use super::{focus_when_drawn, timeline, ErrorSummary, FormErrors, Outcome, Submit, TextField};
use crate::{format, i18n};
use leptos::prelude::*;
use portal_core::{
    api::{AppDetail, AppStatus, GoLive, GoLiveRequest, GoLiveStatus, TestLimits},
    Form,
};

#[component]
pub fn GoLiveSection(
    /// The app's id.
    app: i64,
    status: AppStatus,
    /// The limits while in test.
    limits: Option<TestLimits>,
    /// The latest request, if any.
    request: Option<GoLive>,
    /// Counts the console's changes; a request adds one.
    changes: RwSignal<u32>,
) -> impl IntoView {
    let latest = RwSignal::new(request);
    let online = status == AppStatus::Online;
    let body = move || {
        if online {
            return view! { <p id="go-live-state">{i18n::app_online_body()}</p> }.into_any();
        }
        let limits = limits.map(|l| {
            i18n::test_limits(
                &format::count(l.daily_calls),
                &format::count(l.authorised_sellers),
            )
        });
        let state = latest.get().map(|r| view! { <RequestState request=r /> });
        let ask = !matches!(
            latest.get(),
            Some(GoLive {
                status: GoLiveStatus::Pending,
                ..
            })
        );
        view! {
            <p class="field__hint">{limits}</p>
            {state}
            {ask.then(|| view! { <GoLiveForm app latest changes /> })}
        }
        .into_any()
    };
    view! {
        <section class="section" id="go-live" aria-labelledby="go-live-title">
            <h2 class="heading-m" id="go-live-title">{i18n::go_live_title()}</h2>
            {body}
        </section>
    }
}

/// The request on a timeline, and a rejection's reason.
#[component]
fn RequestState(request: GoLive) -> impl IntoView {
    let decided = request.decided_at.as_deref().map(format::date_time);
    let decision = match (request.status, decided) {
        (GoLiveStatus::Approved, Some(at)) => Some(format!("{} · {at}", i18n::status_approved())),
        (GoLiveStatus::Rejected, Some(at)) => Some(format!("{} · {at}", i18n::status_rejected())),
        _ => None,
    };
    let steps = vec![
        (
            i18n::go_live_requested(),
            Some(format::date_time(&request.requested_at)),
        ),
        (i18n::step_decision(), decision),
    ];
    view! {
        <div id="go-live-state" tabindex="-1">
            {timeline(steps)}
            {(request.status == GoLiveStatus::Pending).then(|| view! { <p>{i18n::go_live_waiting()}</p> })}
            {request.reason.map(|reason| view! {
                <div class="notice notice--error">
                    <h3 class="heading-s notice__title">{i18n::reviewer_reasons()}</h3>
                    <p class="reasons">{reason}</p>
                </div>
            })}
        </div>
    }
}

#[component]
fn GoLiveForm(app: i64, latest: RwSignal<Option<GoLive>>, changes: RwSignal<u32>) -> impl IntoView {
    let production_use = RwSignal::new(String::new());
    let calls = RwSignal::new(String::new());
    let form = FormErrors::new::<GoLiveRequest>();
    let request = move || GoLiveRequest {
        production_use: production_use.get(),
        expected_daily_calls: calls.get(),
    };
    let errors = Memo::new(move |_| form.visible(request().errors()));
    let submit = Submit::signed(
        form,
        move |c, req: GoLiveRequest| async move { c.request_go_live(app, &req).await },
        Outcome::then(move |detail: AppDetail| {
            latest.set(detail.go_live);
            changes.update(|n| *n += 1);
            focus_when_drawn("go-live-state");
        }),
    );
    let pending = submit.pending();
    let on_submit = submit.on_submit(request);
    view! {
        <form on:submit=on_submit novalidate>
            <ErrorSummary form errors />
            <TextField id="production_use" value=production_use form errors rows=4 />
            <TextField id="expected_daily_calls" value=calls form errors inputmode="numeric" class="input--short" />
            <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                {i18n::go_live_button()}
            </button>
        </form>
    }
}
