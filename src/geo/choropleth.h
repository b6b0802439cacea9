#pragma once
// Choropleth map as a standalone, accessible SVG string, drawn from a PreparedMap.
//
// What the SVG holds (and promises):
// - <svg role="img" aria-labelledby="..."> with <title> (the map title) and <desc> (a Dutch
//   description: what is shown, how to read the colours, that the figures are also in a table).
// - Every drawn area is <a href="..."><path d="..."><title>Naam: 12,3 eenheid</title></path></a>,
//   so it can be reached with the keyboard and shows its figure on hover and focus. Areas
//   without a link (no href) are a bare <path> with the same <title>.
// - Areas are grouped per class: <g class="klasse-1" fill="#...">; secret areas in
//   <g class="geheim" fill="url(#<prefix>-geheim)"> (hatched) and missing ones in
//   <g class="ontbreekt" fill="url(#<prefix>-ontbreekt)"> (grey dots); the patterns are in <defs>.
// - A legend (<g class="legenda">) with the class ranges in Dutch number format, plus "geheim"
//   and "geen gegevens" with their patterns when they occur.
// - No style attributes and no <style> element (the site's Content-Security-Policy forbids
//   both): colours are presentation attributes (fill=, stroke=), hooks for CSS are classes.
// - All text from the caller (title, names, unit, links) is XML-escaped; links must pass
//   is_safe_href() (svg_text.h).
// - Privacy: the value of a Secret area is never read, so no number of it can appear anywhere
//   in the SVG or in the returned classes; Secret areas do not count in the class breaks.
//
// Note on role="img": ARIA makes the children of an img presentational, so screen readers may
// not offer the area links; the table beside the map must carry the same links. Use
// SvgRole::Group when the links must be in the accessibility tree of the map itself.

#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "geo/classify.h"
#include "geo/map_geometry.h"

namespace gezondin::geo {

enum class ValueStatus {
    Value,    // a number to show
    Secret,   // "geheim": suppressed by disclosure control; the value is ignored
    Missing,  // no figure for this area
};

struct AreaValue {
    std::string code;
    ValueStatus status = ValueStatus::Missing;
    double value = 0;   // only read when status == Value; non-finite counts as Missing
    std::string href;   // link to the area's profile; empty: use ChoroplethOptions::href_template
};

enum class SvgRole { Img, Group };

struct ChoroplethOptions {
    std::string title;        // e.g. "Ervaren gezondheid goed of zeer goed, 2022"
    std::string description;  // extra sentence(s) for <desc>; may be empty
    std::string unit;         // e.g. "%"; shown after every value
    ClassMethod method = ClassMethod::Quantiles;
    int classes = 5;          // kMinClasses..kMaxClasses
    Direction direction = Direction::HigherIsWorse;
    int decimals = 1;         // for values and legend, 0..6
    // Used when an AreaValue has no href and for areas without an AreaValue; "{code}" is
    // replaced by the area code. Empty: no link.
    std::string href_template;
    // Prefix of the ids inside the SVG (patterns, title); make it unique when a page shows
    // several maps. Letters, digits and '-', starting with a letter.
    std::string id_prefix = "kaart";
    SvgRole role = SvgRole::Img;
};

// One area's place in the map, for the table beside it. class_index is -1 unless status is
// Value; areas without an AreaValue are Missing.
struct AreaClass {
    std::string code;
    std::string name;
    ValueStatus status = ValueStatus::Missing;
    int class_index = -1;
    bool drawn = false;  // false when the area was too small to draw at this map size
};

struct Choropleth {
    std::string svg;
    ClassBreaks breaks;
    std::vector<std::string> colours;        // per class, "#rrggbb"
    std::vector<AreaClass> areas;            // parallel to the PreparedMap's areas
    std::vector<std::string> unknown_codes;  // values whose code is not on the map
};

// InvalidInput when: classes or decimals out of range, a bad id_prefix, an href (or the
// template) that is not safe, or two values with the same code. Thread-safe; `map` is only read.
core::Result<Choropleth> render_choropleth(const PreparedMap& map, std::span<const AreaValue> values,
                                           const ChoroplethOptions& options);

}  // namespace gezondin::geo
