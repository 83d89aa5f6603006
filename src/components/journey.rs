use super::{loader::load, RequireSession};
use crate::routes::{required_before, GoTo, Page};
use leptos::prelude::*;

/// Shows its children once the signed-in person has done every step that comes before
/// `step`; otherwise sends them to the step they still have to do.
#[component]
pub fn Journey(
    /// The page being shown.
    step: Page,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <RequireSession>
            {
                let children = children.clone();
                load(
                    |c| async move { c.me().await },
                    move |me, _| match required_before(&me, step) {
                        Some(page) => view! { <GoTo path=page.path() /> }.into_any(),
                        None => children().into_any(),
                    },
                )
            }
        </RequireSession>
    }
}
