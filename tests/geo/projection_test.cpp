#include <gtest/gtest.h>

#include <cmath>

#include "geo/projection.h"

namespace gezondin::geo {
namespace {

constexpr LonLat kAmersfoort{5.38720621, 52.15517440};  // the origin of RD
constexpr LonLat kAmsterdam{4.8897, 52.3731};           // Dam
constexpr LonLat kMaastricht{5.6909, 50.8514};          // Vrijthof
constexpr LonLat kGroningen{6.5683, 53.2194};           // Martinitoren

TEST(RdProjection, AmersfoortIsTheOrigin) {
    RdPoint p = to_rd(kAmersfoort);
    EXPECT_NEAR(p.x, 155000, 0.01);
    EXPECT_NEAR(p.y, 463000, 0.01);
}

TEST(RdProjection, CitiesLandWhereRdMapsShowThem) {
    // Approximate RD coordinates of the landmarks, from topographic maps (within 1.5 km).
    RdPoint ams = to_rd(kAmsterdam), maa = to_rd(kMaastricht), gro = to_rd(kGroningen);
    EXPECT_NEAR(ams.x, 121400, 1500);
    EXPECT_NEAR(ams.y, 487400, 1500);
    EXPECT_NEAR(maa.x, 176200, 1500);
    EXPECT_NEAR(maa.y, 317600, 1500);
    EXPECT_NEAR(gro.x, 234000, 1500);
    EXPECT_NEAR(gro.y, 582000, 1500);
}

TEST(RdProjection, ShortDistancesMatchTheGreatCircle) {
    // One minute of latitude is about 1,853 m at 52 N; RD is conformal with scale ~0.9999.
    RdPoint a = to_rd({5.0, 52.0});
    RdPoint b = to_rd({5.0, 52.0 + 1.0 / 60});
    double d = std::hypot(b.x - a.x, b.y - a.y);
    EXPECT_NEAR(d, 1853.0, 5.0);
}

TEST(ViewBoxFit, NorthIsUpAndEverythingFits) {
    Bounds bounds;
    for (auto p : {kAmsterdam, kMaastricht, kGroningen}) bounds.extend(to_rd(p));
    ViewBoxFit fit(bounds, 800, 10);
    CanvasPoint ams = fit.apply(to_rd(kAmsterdam)), maa = fit.apply(to_rd(kMaastricht)),
                gro = fit.apply(to_rd(kGroningen));
    EXPECT_LT(gro.y, ams.y);  // Groningen is north of Amsterdam: higher on the map
    EXPECT_LT(ams.y, maa.y);
    EXPECT_LT(ams.x, maa.x);  // Amsterdam lies west of Maastricht
    EXPECT_LT(maa.x, gro.x);
    for (auto c : {ams, maa, gro}) {
        EXPECT_GE(c.x, 10 - 1e-9);
        EXPECT_LE(c.x, 790 + 1e-9);
        EXPECT_GE(c.y, 10 - 1e-9);
        EXPECT_LE(c.y, fit.height() - 10 + 1e-9);
    }
    EXPECT_NEAR(fit.apply(to_rd(kAmsterdam)).x, 10, 1e-9);  // westernmost touches the margin
    // Aspect ratio is kept: the Netherlands is taller than wide in RD.
    EXPECT_GT(fit.height(), 800);
}

TEST(ViewBoxFit, SinglePointStaysFinite) {
    Bounds bounds;
    bounds.extend(to_rd(kAmersfoort));
    ViewBoxFit fit(bounds, 100, 5);
    auto c = fit.apply(to_rd(kAmersfoort));
    EXPECT_TRUE(std::isfinite(c.x));
    EXPECT_TRUE(std::isfinite(fit.height()));
}

}  // namespace
}  // namespace gezondin::geo
