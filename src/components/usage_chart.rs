//! Calls per day as a small bar chart: inline SVG drawn here, no chart library. The bars are
//! for the eye; the sentence under them says the same for everyone.

use crate::{format, i18n};
use leptos::prelude::*;
use portal_core::api::DailyCalls;

/// The chart's drawing size in its own units; CSS scales it to the column.
const WIDTH: u64 = 280;
const HEIGHT: u64 = 56;
const GAP: u64 = 4;

#[component]
pub fn UsageChart(
    /// Oldest day first.
    days: Vec<DailyCalls>,
) -> impl IntoView {
    let most = days.iter().map(|d| d.calls).max().unwrap_or(0);
    let total: u64 = days.iter().map(|d| d.calls).sum();
    let slot = WIDTH / (days.len().max(1) as u64);
    let bars = days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            // At least a hairline, so a day without calls still reads as a day.
            let height = d
                .calls
                .saturating_mul(HEIGHT - 2)
                .checked_div(most)
                .unwrap_or(0)
                .min(HEIGHT - 2)
                + 2;
            let title = format!("{}: {}", format::day(&d.day), format::count(d.calls));
            view! {
                <rect
                    class="usage__bar"
                    class:usage__bar--empty=d.calls == 0
                    x=(i as u64 * slot).to_string()
                    y=(HEIGHT - height).to_string()
                    width=(slot - GAP).to_string()
                    height=height.to_string()
                >
                    <title>{title}</title>
                </rect>
            }
        })
        .collect_view();
    let busiest = days.iter().rfind(|d| d.calls == most);
    let summary = match busiest {
        Some(d) if total > 0 => {
            i18n::usage_summary(&format::count(total), &format::day(&d.day), &format::count(most))
        }
        _ => i18n::usage_none().to_owned(),
    };
    let (first, last) = (
        days.first().map(|d| format::day(&d.day)).unwrap_or_default(),
        days.last().map(|d| format::day(&d.day)).unwrap_or_default(),
    );
    view! {
        <figure class="usage">
            <figcaption class="heading-s">{i18n::usage_title()}</figcaption>
            <svg class="usage__chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") aria-hidden="true" focusable="false">
                {bars}
            </svg>
            <p class="usage__axis meta" aria-hidden="true"><span>{first}</span><span>{last}</span></p>
            <p class="meta" id="usage-summary">{summary}</p>
        </figure>
    }
}
