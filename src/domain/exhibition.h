// The exhibition (总结展示): published awards shown to the public, and their certificates
// (荣誉证书) with a verification code (核验码). Pure rules: the shape of a code, the certificate
// layout an admin sets per campaign, and the order the gallery lists awards in.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/judging_scores.h"
#include "domain/time.h"

namespace wangju {

// An award as the public sees it (one row per work and judging). Its id names it in URLs
// (/api/v1/awards/{id}/certificate.pdf).
struct AwardId {
    std::int64_t value = 0;
    auto operator<=>(const AwardId&) const = default;
};

// A verification code: 16 characters of Crockford's base32 alphabet (digits and capitals without
// I, L, O, U, so that nothing reads as another character), written in groups of four:
// "7K3M-Q9TX-2HBD-W4NP". 80 random bits: a made-up code does not verify.
inline constexpr std::size_t kCertificateCodeBytes = 10;
// The code of 10 random bytes.
std::string certificate_code_of(std::string_view random_bytes);
// A new code from the system's random source.
std::string new_certificate_code();
// The code as written on the certificate, from what a person typed or a QR code carried: case and
// dashes or spaces do not matter, O reads as 0 and I or L as 1. Empty when it cannot be a code.
std::optional<std::string> normalised_certificate_code(std::string_view text);

// What an admin sets for the certificates of one campaign.
struct CertificateLayout {
    std::string title = "荣誉证书";
    std::string issuer;             // the issuing unit's name as printed; empty: the judging's unit
    std::optional<Date> issued_on;  // empty: the day the awards were published
    std::string seal_png;           // PNG bytes of the seal, or empty
};
// Checks title (1..12 characters), issuer (at most 40) and the seal (a PNG of at most 512 KB, by
// its signature); throws Error(invalid) naming each bad field.
void check_certificate_layout(const CertificateLayout& layout);
inline constexpr std::size_t kMaxSealBytes = 512 * 1024;

// The position of `tier` among the judging's tiers (0 for the first, 一等奖); tiers not listed
// come after them.
int tier_order(const std::vector<AwardTier>& tiers, std::string_view tier);

}  // namespace wangju
