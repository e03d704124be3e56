//! Charts of the evaluation for analysts who tune thresholds by looking (`embargo eval --plot
//! DIR`): per set an SVG file, and an `index.html` showing them all with their figures as captions.
//!
//! - Labelled pair sets: the score distributions of true and false pairs, overlaid, and the
//!   precision–recall curve with the operating point at the alert threshold marked and labelled.
//! - Screening sets: the distribution of the top score per query (UN positives split by whether
//!   the top result is an expected entity; negatives have no true matches).
//! - The control test: the score each published name gives its own entity.
//!
//! Counts are drawn on a log scale: the bars that matter for a threshold (the few false pairs
//! above it, the few true ones below) would be invisible next to the bulk on a linear one.
//! Drawing uses plotters' SVG backend without its `ttf` feature, so no system font is read: text
//! is written as `<text>` elements and rendered by the browser.

use crate::control::ControlReport;
use crate::curves::{pr_curve, Histogram};
use crate::metrics::{pair_metrics, AtThreshold};
use crate::screening::{FalseAlertReport, RecallReport};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Bins over [0, 1]: 0.02 wide, so the default threshold 0.7 falls on a bin edge.
const BINS: usize = 50;
const PAIR_SIZE: (u32, u32) = (1100, 440);
const SINGLE_SIZE: (u32, u32) = (760, 440);
const FONT: &str = "sans-serif";
const TRUE_COLOUR: RGBColor = RGBColor(31, 119, 180);
const FALSE_COLOUR: RGBColor = RGBColor(214, 39, 40);

#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: drawing failed: {message}", path.display())]
    Draw { path: PathBuf, message: String },
    #[error("set {set}: score number {index} (from 0) is {score}, not a number in [0, 1]")]
    Score {
        set: String,
        index: usize,
        score: f64,
    },
    #[error("set name {0:?} cannot name a file: use ASCII letters, digits, '-', '_' and '.'")]
    Name(String),
    #[error("set {0} is drawn twice")]
    Duplicate(String),
}

/// One drawn chart, as the index lists it.
#[derive(Clone, Debug)]
pub struct Chart {
    pub set: String,
    pub title: String,
    /// File name inside the plot folder.
    pub file: String,
    /// The set's figures in words.
    pub caption: String,
}

/// The charts of one evaluation run, written into one folder.
pub struct Plots {
    dir: PathBuf,
    threshold: f64,
    charts: Vec<Chart>,
}

/// One histogram of a distribution chart.
struct Series {
    label: String,
    colour: RGBColor,
    hist: Histogram,
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type DrawResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

impl Plots {
    /// Creates `dir` (and its parents) if missing. `threshold` is the alert threshold drawn on
    /// every chart.
    pub fn new(dir: &Path, threshold: f64) -> Result<Self, PlotError> {
        std::fs::create_dir_all(dir).map_err(|source| PlotError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        Ok(Plots {
            dir: dir.to_path_buf(),
            threshold,
            charts: Vec::new(),
        })
    }

    pub fn charts(&self) -> &[Chart] {
        &self.charts
    }

    /// A labelled pair set, `(score, is a true pair)`: distributions and precision–recall curve.
    pub fn pairs(
        &mut self,
        set: &str,
        title: &str,
        scored: &[(f64, bool)],
    ) -> Result<(), PlotError> {
        let t = self.threshold;
        check(set, scored.iter().map(|s| s.0))?;
        let truths = scored.iter().filter(|s| s.1).count();
        let series = vec![
            Series {
                label: format!("true pairs ({truths})"),
                colour: TRUE_COLOUR,
                hist: histogram(set, scored.iter().filter(|s| s.1).map(|s| s.0))?,
            },
            Series {
                label: format!("false pairs ({})", scored.len() - truths),
                colour: FALSE_COLOUR,
                hist: histogram(set, scored.iter().filter(|s| !s.1).map(|s| s.0))?,
            },
        ];
        let m = pair_metrics(scored, t);
        let a = &m.at_threshold;
        let caption = format!(
            "{} pairs ({} true, {} false). At {t:.2}: precision {:.3}, recall {:.3}, F1 {:.3} \
             ({} true alerts, {} false alerts, {} missed). Best F1 {:.3} at {:.4}. ROC AUC {:.3}.",
            m.pairs,
            truths,
            m.pairs - truths,
            a.precision,
            a.recall,
            a.f1,
            a.true_positives,
            a.false_positives,
            a.false_negatives,
            m.best_f1.f1,
            m.best_f1.threshold,
            m.roc_auc
        );
        let curve = pr_curve(scored);
        let operating = (a.recall, a.precision);
        self.draw(set, title, caption, PAIR_SIZE, |root| {
            let (left, right) = root.split_horizontally(PAIR_SIZE.0 / 2);
            distribution(&left, "score distributions", &series, t)?;
            let points: Vec<(f64, f64)> = curve.iter().map(|p| (p.recall, p.precision)).collect();
            precision_recall(&right, &points, operating, &m.best_f1, t)
        })
    }

    /// A positive screening set: the top score per evaluated query, split by whether the top
    /// result is an expected entity.
    pub fn recall(&mut self, set: &str, title: &str, r: &RecallReport) -> Result<(), PlotError> {
        let t = self.threshold;
        check(set, r.top.iter().flatten().map(|x| x.0))?;
        let right: Vec<f64> = r
            .top
            .iter()
            .flatten()
            .filter(|x| x.1)
            .map(|x| x.0)
            .collect();
        let wrong: Vec<f64> = r
            .top
            .iter()
            .flatten()
            .filter(|x| !x.1)
            .map(|x| x.0)
            .collect();
        let none = r.top.iter().filter(|x| x.is_none()).count();
        let series = vec![
            Series {
                label: format!("top result expected ({})", right.len()),
                colour: TRUE_COLOUR,
                hist: histogram(set, right.iter().copied())?,
            },
            Series {
                label: format!("top result another entity ({})", wrong.len()),
                colour: FALSE_COLOUR,
                hist: histogram(set, wrong.iter().copied())?,
            },
        ];
        let caption = format!(
            "{} queries, {} evaluated (those with an expected entity). Recall at {t:.2} {:.3} \
             (an expected entity among the results at or above it), recall@1 {:.3}. Top result: \
             an expected entity for {}, another entity for {}, no result for {} (not drawn).",
            r.queries,
            r.evaluated,
            r.recall_at_threshold,
            r.recall_at_1,
            right.len(),
            wrong.len(),
            none
        );
        self.draw(set, title, caption, SINGLE_SIZE, |root| {
            distribution(root, "top score per query", &series, t)
        })
    }

    /// A negative screening set: every alert is false, so one distribution of top scores.
    pub fn false_alerts(
        &mut self,
        set: &str,
        title: &str,
        r: &FalseAlertReport,
    ) -> Result<(), PlotError> {
        let t = self.threshold;
        let top: Vec<f64> = r.top.iter().flatten().copied().collect();
        check(set, top.iter().copied())?;
        let series = vec![Series {
            label: format!("top result ({} queries with one)", top.len()),
            colour: FALSE_COLOUR,
            hist: histogram(set, top.iter().copied())?,
        }];
        let alerts = top.iter().filter(|&&s| s >= t).count();
        let caption = format!(
            "{} queries, none of them listed. False alerts (a result at or above the threshold): \
             {:.2}% at {t:.2} ({alerts} queries), {:.2}% at 0.8, {:.2}% at 0.9. {} queries \
             returned no result (not drawn).",
            r.queries,
            100.0 * r.rate_at_threshold,
            100.0 * r.rate_at_0_8,
            100.0 * r.rate_at_0_9,
            r.queries - top.len()
        );
        self.draw(set, title, caption, SINGLE_SIZE, |root| {
            distribution(root, "top score per query", &series, t)
        })
    }

    /// The control test: the score of each published name against its own entity.
    pub fn control(&mut self, set: &str, title: &str, r: &ControlReport) -> Result<(), PlotError> {
        let t = self.threshold;
        let own: Vec<f64> = r.own_scores.iter().flatten().copied().collect();
        check(set, own.iter().copied())?;
        let series = vec![Series {
            label: format!("own entity's score ({} names)", own.len()),
            colour: TRUE_COLOUR,
            hist: histogram(set, own.iter().copied())?,
        }];
        let caption = format!(
            "{} published names, each a query that must find its own entity. Recall at {t:.2}: \
             {:.4} ({} names below it). {} names did not return their entity at all (not drawn).",
            r.names,
            r.recall,
            r.misses.len(),
            r.names - own.len()
        );
        self.draw(set, title, caption, SINGLE_SIZE, |root| {
            distribution(root, "own entity's score per name", &series, t)
        })
    }

    /// Writes `index.html` showing every chart drawn so far, in order, with its caption.
    pub fn write_index(&self) -> Result<PathBuf, PlotError> {
        let mut h = String::new();
        let t = self.threshold;
        let _ = write!(
            h,
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>embargo evaluation charts</title>\n<style>\n\
             body {{ font-family: sans-serif; max-width: 1140px; margin: 1em auto; padding: 0 1em; color: #222; }}\n\
             figure {{ margin: 2.5em 0; }}\n\
             img {{ max-width: 100%; border: 1px solid #ddd; }}\n\
             figcaption {{ margin-top: 0.4em; line-height: 1.4; }}\n\
             nav li {{ display: inline; margin-right: 1em; }}\n\
             </style>\n</head>\n<body>\n<h1>embargo evaluation charts</h1>\n\
             <p>Alert threshold {t:.2} (the vertical line). Histograms count items per {:.2}-wide \
             score bin on a log scale, so the few errors near the threshold stay visible; a \
             precision–recall curve has one point per observed score taken as the threshold. \
             Screening returns only results at or above the minimum score, so a screening \
             set's distribution starts there.</p>\n<nav><ul>\n",
            1.0 / BINS as f64
        );
        for c in &self.charts {
            let _ = writeln!(
                h,
                "<li><a href=\"#{}\">{}</a></li>",
                html(&c.set),
                html(&c.title)
            );
        }
        h.push_str("</ul></nav>\n");
        for c in &self.charts {
            let _ = write!(
                h,
                "<figure id=\"{id}\">\n<h2>{title}</h2>\n<img src=\"{file}\" alt=\"{title}\">\n\
                 <figcaption>{caption}</figcaption>\n</figure>\n",
                id = html(&c.set),
                title = html(&c.title),
                file = html(&c.file),
                caption = html(&c.caption)
            );
        }
        h.push_str("</body>\n</html>\n");
        let path = self.dir.join("index.html");
        std::fs::write(&path, h).map_err(|source| PlotError::Io {
            path: path.clone(),
            source,
        })?;
        Ok(path)
    }

    /// Draws one SVG file named after the set and records it for the index.
    fn draw(
        &mut self,
        set: &str,
        title: &str,
        caption: String,
        size: (u32, u32),
        body: impl FnOnce(&Area) -> DrawResult,
    ) -> Result<(), PlotError> {
        if set.is_empty()
            || set.starts_with('.')
            || !set
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return Err(PlotError::Name(set.to_string()));
        }
        if self.charts.iter().any(|c| c.set == set) {
            return Err(PlotError::Duplicate(set.to_string()));
        }
        let file = format!("{set}.svg");
        let path = self.dir.join(&file);
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            let drawn: DrawResult = (|| {
                root.fill(&WHITE)?;
                let area = root.titled(title, (FONT, 20))?;
                body(&area)?;
                root.present()?;
                Ok(())
            })();
            drawn.map_err(|e| PlotError::Draw {
                path: path.clone(),
                message: e.to_string(),
            })?;
        }
        std::fs::write(&path, svg).map_err(|source| PlotError::Io {
            path: path.clone(),
            source,
        })?;
        self.charts.push(Chart {
            set: set.to_string(),
            title: title.to_string(),
            file,
            caption,
        });
        Ok(())
    }
}

/// Every score must be a number in [0, 1]: a matcher bug must show, not be clamped into a bar.
/// `index` in the error counts the scores given (pairs in input order; queries or names that
/// returned a result).
fn check(set: &str, scores: impl IntoIterator<Item = f64>) -> Result<(), PlotError> {
    match scores
        .into_iter()
        .enumerate()
        .find(|(_, s)| !(0.0..=1.0).contains(s))
    {
        Some((index, score)) => Err(PlotError::Score {
            set: set.to_string(),
            index,
            score,
        }),
        None => Ok(()),
    }
}

fn histogram(set: &str, scores: impl IntoIterator<Item = f64>) -> Result<Histogram, PlotError> {
    Histogram::of(scores, BINS).map_err(|(index, score)| PlotError::Score {
        set: set.to_string(),
        index,
        score,
    })
}

/// Overlaid histograms (translucent fill, solid outline) on a log count axis, with the threshold.
fn distribution(area: &Area, caption: &str, series: &[Series], t: f64) -> DrawResult {
    // Bars start at 0.5 so that a bin of one item still shows on the log axis.
    let floor = 0.5;
    let top = series
        .iter()
        .map(|s| s.hist.max())
        .max()
        .unwrap_or(0)
        .max(1) as f64
        * 3.0;
    let mut chart = ChartBuilder::on(area)
        .caption(caption, (FONT, 15))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(55)
        .build_cartesian_2d(0f64..1f64, (floor..top).log_scale())?;
    chart
        .configure_mesh()
        .x_labels(11)
        .x_label_formatter(&|x| format!("{x:.1}"))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .x_desc("score")
        .y_desc("count (log scale)")
        .light_line_style(WHITE)
        .draw()?;
    for s in series {
        let colour = s.colour;
        let bars = |style: ShapeStyle| {
            s.hist
                .counts
                .iter()
                .enumerate()
                .filter(|(_, &c)| c > 0)
                .map(move |(k, &c)| {
                    let (x0, x1) = s.hist.bin(k);
                    Rectangle::new([(x0, floor), (x1, c as f64)], style)
                })
        };
        chart
            .draw_series(bars(colour.mix(0.3).filled()))?
            .label(&s.label)
            .legend(move |(x, y)| {
                Rectangle::new([(x, y - 6), (x + 14, y + 6)], colour.mix(0.3).filled())
            });
        chart.draw_series(bars(colour.stroke_width(1)))?;
    }
    chart
        .draw_series(LineSeries::new(
            [(t, floor), (t, top)],
            BLACK.stroke_width(2),
        ))?
        .label(format!("threshold {t:.2}"))
        .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], BLACK.stroke_width(2)));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font((FONT, 13))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .draw()?;
    Ok(())
}

/// The precision–recall curve, with the operating point at the threshold and the best-F1 point
/// marked and labelled.
fn precision_recall(
    area: &Area,
    points: &[(f64, f64)],
    operating: (f64, f64),
    best: &AtThreshold,
    t: f64,
) -> DrawResult {
    let mut chart = ChartBuilder::on(area)
        .caption("precision–recall", (FONT, 15))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(55)
        .build_cartesian_2d(0f64..1.0, 0f64..1.05)?;
    chart
        .configure_mesh()
        .x_labels(11)
        .y_labels(11)
        .x_label_formatter(&|x| format!("{x:.1}"))
        .y_label_formatter(&|y| format!("{y:.1}"))
        .x_desc("recall")
        .y_desc("precision")
        .light_line_style(WHITE)
        .draw()?;
    if points.is_empty() {
        chart.draw_series([Text::new(
            "no true pairs: no curve".to_string(),
            (0.3, 0.5),
            (FONT, 15),
        )])?;
        return Ok(());
    }
    chart
        .draw_series(LineSeries::new(
            points.iter().copied(),
            TRUE_COLOUR.stroke_width(2),
        ))?
        .label("precision–recall over all thresholds")
        .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], TRUE_COLOUR.stroke_width(2)));
    // The figures go into the legend, where they cannot overlap the curve or each other; the
    // points carry short labels.
    let (r, p) = operating;
    chart
        .draw_series([Circle::new((r, p), 6, FALSE_COLOUR.filled())])?
        .label(format!("threshold {t:.2}: precision {p:.3}, recall {r:.3}"))
        .legend(|(x, y)| Circle::new((x + 7, y), 5, FALSE_COLOUR.filled()));
    let (offset, pos) = label_anchor((r, p));
    chart.draw_series([EmptyElement::at((r, p))
        + Text::new(
            format!("{t:.2}"),
            offset,
            (FONT, 13).into_font().color(&FALSE_COLOUR).pos(pos),
        )])?;
    chart
        .draw_series([TriangleMarker::new(
            (best.recall, best.precision),
            7,
            BLACK.filled(),
        )])?
        .label(format!(
            "best F1 {:.3} at {:.3}: precision {:.3}, recall {:.3}",
            best.f1, best.threshold, best.precision, best.recall
        ))
        .legend(|(x, y)| TriangleMarker::new((x + 7, y), 5, BLACK.filled()));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerLeft)
        .label_font((FONT, 13))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .draw()?;
    Ok(())
}

/// Where to put a point's label, in pixels from the point: towards the chart's centre, so it
/// stays inside the plotting area wherever the point lies.
fn label_anchor((x, y): (f64, f64)) -> ((i32, i32), Pos) {
    let (dx, h) = if x > 0.5 {
        (-10, HPos::Right)
    } else {
        (10, HPos::Left)
    };
    let (dy, v) = if y > 0.5 {
        (10, VPos::Top)
    } else {
        (-10, VPos::Bottom)
    };
    ((dx, dy), Pos::new(h, v))
}

/// Escapes text for HTML content and attribute values.
fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::escape::resolve_predefined_entity;
    use quick_xml::events::Event;
    use quick_xml::XmlVersion;

    /// An element of a parsed SVG: its name, attributes and the text directly inside it.
    #[derive(Debug)]
    struct Element {
        name: String,
        attrs: Vec<(String, String)>,
        text: String,
    }

    impl Element {
        fn attr(&self, name: &str) -> Option<&str> {
            self.attrs
                .iter()
                .find(|a| a.0 == name)
                .map(|a| a.1.as_str())
        }
    }

    /// Parses the whole file as XML (failing on any malformed part) into its elements.
    fn parse_svg(path: &Path) -> Vec<Element> {
        let text = std::fs::read_to_string(path).unwrap();
        let mut reader = quick_xml::Reader::from_str(&text);
        let mut out: Vec<Element> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        loop {
            match reader
                .read_event()
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            {
                Event::Start(e) | Event::Empty(e) => {
                    out.push(Element {
                        name: e.name().0.to_string(),
                        attrs: e
                            .attributes()
                            .map(|a| {
                                let a = a.unwrap();
                                (
                                    a.key.0.to_string(),
                                    a.normalized_value(XmlVersion::Implicit1_0)
                                        .unwrap()
                                        .into_owned(),
                                )
                            })
                            .collect(),
                        text: String::new(),
                    });
                    // An empty element closes at once; only a start tag stays open.
                    if !text[..reader.buffer_position() as usize].ends_with("/>") {
                        open.push(out.len() - 1);
                    }
                }
                Event::Text(t) => {
                    if let Some(&i) = open.last() {
                        out[i]
                            .text
                            .push_str(&t.xml_content(XmlVersion::Implicit1_0));
                    }
                }
                // Escaped characters come as references between pieces of text.
                Event::GeneralRef(r) => {
                    let name = r.xml10_content();
                    let c = resolve_predefined_entity(&name)
                        .unwrap_or_else(|| panic!("unexpected entity &{name};"));
                    if let Some(&i) = open.last() {
                        out[i].text.push_str(c);
                    }
                }
                Event::End(_) => {
                    if let Some(i) = open.pop() {
                        out[i].text = out[i].text.trim().to_string();
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert!(open.is_empty(), "unclosed elements in {}", path.display());
        out
    }

    fn texts(svg: &[Element]) -> Vec<&str> {
        svg.iter()
            .filter(|e| e.name == "text")
            .map(|e| e.text.as_str())
            .collect()
    }

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    /// Filled bars (and legend swatches) of one colour.
    fn filled_rects(svg: &[Element], c: RGBColor) -> usize {
        svg.iter()
            .filter(|e| e.name == "rect" && e.attr("fill") == Some(hex(c).as_str()))
            .count()
    }

    /// Eight pairs; at 0.7 three true alerts, one false alert, one missed match.
    const SCORED: [(f64, bool); 8] = [
        (0.95, true),
        (0.9, true),
        (0.85, true),
        (0.6, true),
        (0.75, false),
        (0.3, false),
        (0.2, false),
        (0.1, false),
    ];

    #[test]
    fn a_pair_set_draws_distributions_curve_and_operating_point() {
        let dir = tempfile::tempdir().unwrap();
        let mut plots = Plots::new(&dir.path().join("charts"), 0.7).unwrap();
        plots
            .pairs("synthetic", "Synthetic pairs", &SCORED)
            .unwrap();
        let svg = parse_svg(&dir.path().join("charts/synthetic.svg"));

        assert_eq!(svg[0].name, "svg");
        assert_eq!(svg[0].attr("width"), Some("1100"));
        let t = texts(&svg);
        for expected in [
            "Synthetic pairs",
            "score distributions",
            "precision–recall",
            "true pairs (4)",
            "false pairs (4)",
            "threshold 0.70",
            "threshold 0.70: precision 0.750, recall 0.750",
            "best F1 0.889 at 0.600: precision 0.800, recall 1.000",
            "score",
            "recall",
            "precision",
        ] {
            assert!(t.contains(&expected), "no text {expected:?} in {t:?}");
        }
        // One bar per non-empty bin, plus the legend swatch: true pairs fall in four bins, false
        // ones in four.
        assert_eq!(filled_rects(&svg, TRUE_COLOUR), 4 + 1);
        assert_eq!(filled_rects(&svg, FALSE_COLOUR), 4 + 1);
        // The curve: one point per distinct score.
        let curve = svg
            .iter()
            .find(|e| e.name == "polyline" && e.attr("stroke") == Some(hex(TRUE_COLOUR).as_str()))
            .expect("a precision–recall polyline");
        assert_eq!(curve.attr("points").unwrap().split_whitespace().count(), 8);
        // The operating point and its legend entry.
        let points = svg
            .iter()
            .filter(|e| e.name == "circle" && e.attr("fill") == Some(hex(FALSE_COLOUR).as_str()))
            .count();
        assert_eq!(points, 2);

        let index = plots.write_index().unwrap();
        let html = std::fs::read_to_string(index).unwrap();
        assert!(html.contains("<img src=\"synthetic.svg\" alt=\"Synthetic pairs\">"));
        assert!(html.contains(
            "8 pairs (4 true, 4 false). At 0.70: precision 0.750, recall 0.750, F1 0.750 \
             (3 true alerts, 1 false alerts, 1 missed). Best F1 0.889 at 0.6000. ROC AUC 0.938."
        ));
    }

    #[test]
    fn screening_sets_draw_top_score_distributions_and_index_lists_all() {
        let dir = tempfile::tempdir().unwrap();
        let mut plots = Plots::new(dir.path(), 0.7).unwrap();
        let recall = RecallReport {
            queries: 5,
            evaluated: 4,
            recall_at_threshold: 0.5,
            recall_at_1: 0.5,
            misses: Vec::new(),
            top: vec![
                Some((0.9, true)),
                Some((0.72, true)),
                Some((0.6, false)),
                None,
            ],
        };
        plots
            .recall("un-treated", "UN <treated> & more", &recall)
            .unwrap();
        let negatives = FalseAlertReport {
            queries: 4,
            rate_at_threshold: 0.25,
            rate_at_0_8: 0.0,
            rate_at_0_9: 0.0,
            alerts: 1,
            exact_homonyms: 0,
            fully_aligned: 0,
            worst: Vec::new(),
            top: vec![Some(0.55), Some(0.71), None, None],
        };
        plots
            .false_alerts("negatives-global", "Negatives", &negatives)
            .unwrap();

        let svg = parse_svg(&dir.path().join("un-treated.svg"));
        let t = texts(&svg);
        assert!(t.contains(&"UN <treated> & more"), "{t:?}");
        assert!(t.contains(&"top result expected (2)"), "{t:?}");
        assert!(t.contains(&"top result another entity (1)"), "{t:?}");
        assert_eq!(filled_rects(&svg, TRUE_COLOUR), 2 + 1);
        assert_eq!(filled_rects(&svg, FALSE_COLOUR), 1 + 1);

        let svg = parse_svg(&dir.path().join("negatives-global.svg"));
        assert!(texts(&svg).contains(&"top result (2 queries with one)"));
        assert_eq!(filled_rects(&svg, FALSE_COLOUR), 2 + 1);
        assert_eq!(filled_rects(&svg, TRUE_COLOUR), 0);

        let html = std::fs::read_to_string(plots.write_index().unwrap()).unwrap();
        assert!(html.contains("<h2>UN &lt;treated&gt; &amp; more</h2>"));
        assert!(html.contains("no result for 1 (not drawn)"));
        assert!(html.contains("25.00% at 0.70 (1 queries)"));
        assert_eq!(html.matches("<figure").count(), 2);
    }

    #[test]
    fn bad_scores_and_names_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let mut plots = Plots::new(dir.path(), 0.7).unwrap();
        let err = plots
            .pairs("s", "S", &[(0.5, true), (1.5, false)])
            .unwrap_err();
        assert!(matches!(err, PlotError::Score { index: 1, score, .. } if score == 1.5));
        assert!(matches!(
            plots.pairs("../out", "S", &SCORED),
            Err(PlotError::Name(_))
        ));
        plots.pairs("s", "S", &SCORED).unwrap();
        assert!(matches!(
            plots.pairs("s", "S", &SCORED),
            Err(PlotError::Duplicate(_))
        ));
        assert_eq!(plots.charts().len(), 1);
    }
}
