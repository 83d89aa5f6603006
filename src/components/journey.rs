use super::{ErrorPanel, RequireSession};
use crate::{
    api::{Api, ApiError},
    i18n,
    routes::{required_before, GoTo, Page},
    standing::Standing,
};
use leptos::prelude::*;

/// What the journey gate shows for a page.
#[derive(Debug, Clone, PartialEq)]
enum Gate {
    Loading,
    Failed(ApiError),
    GoTo(Page),
    Show,
}

/// Shows its children once the signed-in person has done every step that comes before
/// `step`; otherwise sends them to the step they still have to do. The account's standing
/// is the one held for the whole signed-in app, not fetched per page.
#[component]
pub fn Journey(
    /// The page being shown.
    step: Page,
    children: ChildrenFn,
) -> impl IntoView {
    let standing = expect_context::<Standing>();
    let api = expect_context::<Api>();
    // Only a change of verdict rebuilds the page (never a standing updated by its own form).
    let gate = Memo::new(move |_| match standing.get() {
        None => Gate::Loading,
        Some(Err(e)) => Gate::Failed(e),
        Some(Ok(me)) => required_before(&me, step).map_or(Gate::Show, Gate::GoTo),
    });
    let retry = Callback::new(move |_| standing.fetch(&api));
    view! {
        <RequireSession>
            {
                let children = children.clone();
                move || match gate.get() {
                    Gate::Loading => view! { <p class="loading">{i18n::loading()}</p> }.into_any(),
                    Gate::Failed(error) => view! { <ErrorPanel error retry /> }.into_any(),
                    Gate::GoTo(page) => view! { <GoTo path=page.path() /> }.into_any(),
                    Gate::Show => untrack(|| children()).into_any(),
                }
            }
        </RequireSession>
    }
}
