#include "cwmp/message_equal.h"

#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace hearth::cwmp {
namespace {

// fields(x) ties every member of a message struct. Each is written with a structured binding,
// which fails to compile when a member is added to the struct and not listed here.
#define HEARTH_FIELDS(Type, ...)                  \
  auto fields(const Type& x) {                    \
    const auto& [__VA_ARGS__] = x;                \
    return std::tie(__VA_ARGS__);                 \
  }

HEARTH_FIELDS(ParameterValue, a, b, c)
HEARTH_FIELDS(DeviceIdStruct, a, b, c, d)
HEARTH_FIELDS(EventStruct, a, b)
HEARTH_FIELDS(FaultStruct, a, b)
HEARTH_FIELDS(ParameterInfo, a, b)
HEARTH_FIELDS(ParameterAttribute, a, b, c)
HEARTH_FIELDS(SetParameterAttribute, a, b, c, d, e)
HEARTH_FIELDS(Inform, a, b, c, d, e, f)
HEARTH_FIELDS(TransferComplete, a, b, c, d)
HEARTH_FIELDS(AutonomousTransferComplete, a, b, c, d, e, f, g, h, i)
HEARTH_FIELDS(RequestDownload, a, b)
HEARTH_FIELDS(InformResponse, a)
HEARTH_FIELDS(GetRPCMethodsResponse, a)
HEARTH_FIELDS(GetParameterNames, a, b)
HEARTH_FIELDS(GetParameterValues, a)
HEARTH_FIELDS(SetParameterValues, a, b)
HEARTH_FIELDS(GetParameterAttributes, a)
HEARTH_FIELDS(SetParameterAttributes, a)
HEARTH_FIELDS(AddObject, a, b)
HEARTH_FIELDS(DeleteObject, a, b)
HEARTH_FIELDS(Reboot, a)
HEARTH_FIELDS(Download, a, b, c, d, e, f, g, h, i, j)
HEARTH_FIELDS(ScheduleInform, a, b)
HEARTH_FIELDS(GetParameterNamesResponse, a)
HEARTH_FIELDS(GetParameterValuesResponse, a)
HEARTH_FIELDS(SetParameterValuesResponse, a)
HEARTH_FIELDS(GetParameterAttributesResponse, a)
HEARTH_FIELDS(AddObjectResponse, a, b)
HEARTH_FIELDS(DeleteObjectResponse, a)
HEARTH_FIELDS(DownloadResponse, a, b, c)
HEARTH_FIELDS(SetParameterValuesFault, a, b, c)
HEARTH_FIELDS(Fault, a, b, c, d, e)
HEARTH_FIELDS(UnknownMethod, a)
HEARTH_FIELDS(Header, a, b, c, d, e)

#undef HEARTH_FIELDS

template <typename T>
bool same(const T& a, const T& b);

template <typename... T, size_t... I>
bool same_tuple(const std::tuple<T...>& a, const std::tuple<T...>& b, std::index_sequence<I...>) {
  return (same(std::get<I>(a), std::get<I>(b)) && ...);
}

template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};
template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <typename T>
struct IsPair : std::false_type {};
template <typename A, typename B>
struct IsPair<std::pair<A, B>> : std::true_type {};

template <typename T>
bool same(const T& a, const T& b) {
  if constexpr (std::is_empty_v<T>) {
    return true;
  } else if constexpr (requires { fields(a); }) {
    const auto fa = fields(a);
    const auto fb = fields(b);
    return same_tuple(fa, fb, std::make_index_sequence<std::tuple_size_v<decltype(fa)>>());
  } else if constexpr (IsVector<T>::value) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!same(a[i], b[i])) return false;
    }
    return true;
  } else if constexpr (IsOptional<T>::value) {
    return a.has_value() == b.has_value() && (!a || same(*a, *b));
  } else if constexpr (IsPair<T>::value) {
    return same(a.first, b.first) && same(a.second, b.second);
  } else {
    return a == b;  // strings, numbers, enums
  }
}

}  // namespace

bool same_body(const Body& a, const Body& b) {
  if (a.index() != b.index()) return false;
  return std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        return same(x, std::get<T>(b));
      },
      a);
}

bool same_header(const Header& a, const Header& b) { return same(a, b); }

bool same_envelope(const Envelope& a, const Envelope& b) {
  return same_header(a.header, b.header) && a.cwmp_ns == b.cwmp_ns && same_body(a.body, b.body);
}

}  // namespace hearth::cwmp
