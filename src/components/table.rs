use leptos::prelude::*;

/// A data table that scrolls sideways on its own on narrow screens, so the page reflows.
#[component]
pub fn Table(
    /// The column headings.
    headings: Vec<&'static str>,
    /// The body rows (`<tr>` elements).
    children: Children,
) -> impl IntoView {
    let headings = headings
        .into_iter()
        .map(|h| view! { <th scope="col">{h}</th> })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
