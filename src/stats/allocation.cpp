#include "stats/allocation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace gezondin::stats {
namespace {

enum class Role { Full, UniversalOnly, None };

struct Plan {
    std::vector<Role> roles;
    std::vector<std::size_t> missing_need;
    std::vector<std::size_t> no_population;
};

core::Error invalid(std::string message) { return core::Error::invalid_input(std::move(message)); }

std::string check_params(const AllocationInput& in, const AllocationParams& p) {
    if (in.need.size() != in.population.size()) return "Er zijn niet evenveel behoeftecijfers als inwonertallen.";
    if (!in.previous.empty() && in.previous.size() != in.population.size()) {
        return "Er zijn niet evenveel vorige bedragen als gebieden.";
    }
    if (p.budget_cents < 0) return "Het budget kan niet negatief zijn.";
    if (!(p.universal_share >= 0 && p.universal_share <= 1)) return "Het universele deel moet tussen 0 en 1 liggen.";
    if (!(p.proportionality >= 0 && p.proportionality <= 10)) return "De evenredigheid moet tussen 0 en 10 liggen.";
    if (!(p.damping >= 0 && p.damping <= 1)) return "De demping moet tussen 0 en 1 liggen.";
    if (p.damping > 0 && in.previous.empty()) return "Voor demping zijn de bedragen van de vorige verdeling nodig.";
    if (!(p.floor_per_inhabitant >= 0) || !(p.cap_per_inhabitant >= 0)) {
        return "De ondergrens en het plafond per inwoner kunnen niet negatief zijn.";
    }
    if (p.cap_per_inhabitant > 0 && p.cap_per_inhabitant < p.floor_per_inhabitant) {
        return "Het plafond per inwoner is lager dan de ondergrens.";
    }
    for (double g : in.need) {
        if (std::isfinite(g) && g < 0) return "Een behoeftecijfer is negatief. Gebruik een schaal van 0 of hoger.";
    }
    return {};
}

Plan make_plan(const AllocationInput& in, MissingNeedRule rule) {
    Plan plan;
    for (std::size_t i = 0; i < in.population.size(); ++i) {
        double n = in.population[i];
        if (!(std::isfinite(n) && n > 0)) {
            plan.roles.push_back(Role::None);
            plan.no_population.push_back(i);
        } else if (!std::isfinite(in.need[i])) {
            plan.roles.push_back(rule == MissingNeedRule::UniversalOnly ? Role::UniversalOnly : Role::None);
            plan.missing_need.push_back(i);
        } else {
            plan.roles.push_back(Role::Full);
        }
    }
    return plan;
}

double need_power(double need, double p) {
    if (p == 0) return 1;
    return p == 1 ? need : std::pow(need, p);
}

core::Result<std::vector<double>> raw_amounts(const AllocationInput& in, const AllocationParams& p, const Plan& plan) {
    double budget = static_cast<double>(p.budget_cents) / 100;
    double people = 0;
    double weight_total = 0;
    std::vector<double> weight(plan.roles.size(), 0.0);
    for (std::size_t i = 0; i < plan.roles.size(); ++i) {
        if (plan.roles[i] == Role::None) continue;
        people += in.population[i];
        if (plan.roles[i] == Role::Full) {
            weight[i] = in.population[i] * need_power(in.need[i], p.proportionality);
            weight_total += weight[i];
        }
    }
    double targeted = (1 - p.universal_share) * budget;
    if (people == 0) return core::fail(invalid("Er is geen gebied met inwoners om het budget over te verdelen."));
    if (targeted > 0 && !(weight_total > 0)) {
        return core::fail(invalid("Alle gebieden hebben behoefte 0 of onbekend; het gerichte deel kan niet worden verdeeld."));
    }
    std::vector<double> amount(plan.roles.size(), 0.0);
    for (std::size_t i = 0; i < plan.roles.size(); ++i) {
        if (plan.roles[i] == Role::None) continue;
        amount[i] = p.universal_share * budget * in.population[i] / people;
        if (targeted > 0) amount[i] += targeted * weight[i] / weight_total;
    }
    return amount;
}

core::Status apply_damping(const AllocationInput& in, const AllocationParams& p, const Plan& plan,
                           std::vector<double>& amount) {
    if (p.damping == 0) return {};
    double previous_total = 0;
    auto previous = [&](std::size_t i) { return std::isfinite(in.previous[i]) ? std::max(0.0, in.previous[i]) : 0.0; };
    for (std::size_t i = 0; i < amount.size(); ++i) {
        if (plan.roles[i] != Role::None) previous_total += previous(i);
    }
    if (!(previous_total > 0)) return core::fail(invalid("De vorige verdeling is leeg; demping is dan niet mogelijk."));
    double budget = static_cast<double>(p.budget_cents) / 100;
    for (std::size_t i = 0; i < amount.size(); ++i) {
        if (plan.roles[i] == Role::None) continue;
        amount[i] = (1 - p.damping) * amount[i] + p.damping * budget * previous(i) / previous_total;
    }
    return {};
}

struct Bounds {
    std::vector<double> low;
    std::vector<double> high;
};

Bounds bounds_of(const AllocationInput& in, const AllocationParams& p, const Plan& plan) {
    Bounds b;
    double cap = p.cap_per_inhabitant > 0 ? p.cap_per_inhabitant : std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < plan.roles.size(); ++i) {
        bool takes_part = plan.roles[i] != Role::None;
        b.low.push_back(takes_part ? p.floor_per_inhabitant * in.population[i] : 0);
        b.high.push_back(takes_part ? cap * in.population[i] : 0);
    }
    return b;
}

double clamped_total(const std::vector<double>& amount, const Bounds& b, double scale) {
    double total = 0;
    for (std::size_t i = 0; i < amount.size(); ++i) total += std::clamp(scale * amount[i], b.low[i], b.high[i]);
    return total;
}

// The total of the clamped amounts grows with the scale, so bisection finds the one scale
// at which it meets the budget.
core::Status apply_floors_and_caps(const Bounds& b, double budget, std::vector<double>& amount) {
    double high = 1;
    for (int i = 0; i < 200 && clamped_total(amount, b, high) < budget; ++i) high *= 2;
    if (clamped_total(amount, b, 0) > budget * (1 + 1e-12) || clamped_total(amount, b, high) < budget * (1 - 1e-12)) {
        return core::fail(invalid("Met deze ondergrens en dit plafond per inwoner past het budget niet. "
                                  "Verlaag de ondergrens of verhoog het plafond."));
    }
    double low = 0;
    for (int i = 0; i < 100; ++i) {
        double mid = 0.5 * (low + high);
        (clamped_total(amount, b, mid) < budget ? low : high) = mid;
    }
    for (std::size_t i = 0; i < amount.size(); ++i) amount[i] = std::clamp(high * amount[i], b.low[i], b.high[i]);
    return {};
}

std::vector<std::int64_t> round_to_cents(const std::vector<double>& amount, const Bounds& b, std::int64_t budget) {
    std::size_t n = amount.size();
    std::vector<std::int64_t> cents(n), low(n), high(n);
    std::int64_t left = budget;
    for (std::size_t i = 0; i < n; ++i) {
        low[i] = static_cast<std::int64_t>(std::ceil(b.low[i] * 100 - 1e-6));
        high[i] = std::isfinite(b.high[i]) ? static_cast<std::int64_t>(std::floor(b.high[i] * 100 + 1e-6))
                                           : std::numeric_limits<std::int64_t>::max();
        cents[i] = std::clamp(static_cast<std::int64_t>(std::floor(amount[i] * 100)), low[i], high[i]);
        left -= cents[i];
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    auto fraction = [&](std::size_t i) { return amount[i] * 100 - static_cast<double>(cents[i]); };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t l, std::size_t r) { return fraction(l) > fraction(r); });
    if (left < 0) std::reverse(order.begin(), order.end());
    for (bool moved = true; left != 0 && moved;) {
        moved = false;
        for (std::size_t k = 0; k < n && left != 0; ++k) {
            std::size_t i = order[k];
            if (left > 0 && cents[i] < high[i] && amount[i] > 0) { ++cents[i]; --left; moved = true; }
            if (left < 0 && cents[i] > low[i]) { --cents[i]; ++left; moved = true; }
        }
    }
    return cents;
}

struct Unrounded {
    Plan plan;
    Bounds bounds;
    std::vector<double> amount;
};

core::Result<Unrounded> compute(const AllocationInput& in, const AllocationParams& p) {
    if (auto reason = check_params(in, p); !reason.empty()) return core::fail(invalid(reason));
    Unrounded u{make_plan(in, p.missing_need), {}, {}};
    auto raw = raw_amounts(in, p, u.plan);
    if (!raw) return core::fail(raw.error());
    u.amount = std::move(*raw);
    if (auto ok = apply_damping(in, p, u.plan, u.amount); !ok) return core::fail(ok.error());
    u.bounds = bounds_of(in, p, u.plan);
    if (p.floor_per_inhabitant > 0 || p.cap_per_inhabitant > 0) {
        auto ok = apply_floors_and_caps(u.bounds, static_cast<double>(p.budget_cents) / 100, u.amount);
        if (!ok) return core::fail(ok.error());
    }
    return u;
}

}  // namespace

core::Result<std::vector<double>> allocate_unrounded(const AllocationInput& input, const AllocationParams& params) {
    auto u = compute(input, params);
    if (!u) return core::fail(u.error());
    return std::move(u->amount);
}

core::Result<AllocationResult> allocate(const AllocationInput& input, const AllocationParams& params) {
    auto u = compute(input, params);
    if (!u) return core::fail(u.error());
    AllocationResult result;
    result.cents = round_to_cents(u->amount, u->bounds, params.budget_cents);
    for (std::size_t i = 0; i < result.cents.size(); ++i) {
        bool people = u->plan.roles[i] != Role::None;
        result.euros_per_inhabitant.push_back(people ? static_cast<double>(result.cents[i]) / 100 / input.population[i] : 0);
    }
    result.missing_need = std::move(u->plan.missing_need);
    result.no_population = std::move(u->plan.no_population);
    return result;
}

}  // namespace gezondin::stats
