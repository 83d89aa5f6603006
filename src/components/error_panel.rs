use crate::{api::ApiError, i18n};
use leptos::prelude::*;

/// A page-level failure (loading data failed), with the way forward.
#[component]
pub fn ErrorPanel(
    /// What went wrong.
    error: ApiError,
    /// Tries the failed load again.
    retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="notice notice--error" role="alert">
            <p>{i18n::api_error(&error)}</p>
            <button type="button" class="button button--secondary" on:click=move |_| retry.run(())>
                {i18n::try_again()}
            </button>
        </div>
    }
}
