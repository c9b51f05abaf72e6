// A small scanner over the codec's output. The codec escapes '<' and '>' in character data and
// '"' in attribute values, so markup is recognised by '<' ... '>' with quoted attribute values.
#include "sim/cpe/wire_quirks.h"

#include <cctype>
#include <charconv>
#include <string_view>

namespace hearth::sim::cpe {
namespace {

constexpr std::string_view kSoapEnv = "soap-env";
constexpr std::string_view kCwmp = "cwmp";

struct Rewriter {
  std::string_view soap;  // replacement for "soap-env"
  std::string_view cwmp;  // replacement for "cwmp"
  bool array_count_mismatch = false;
  std::string out;

  std::string_view map_prefix(std::string_view p) const {
    if (p == kSoapEnv) return soap;
    if (p == kCwmp) return cwmp;
    return p;
  }

  // "p:local" -> mapped; "xmlns:p" -> "xmlns:" mapped; anything else unchanged.
  void put_qname(std::string_view name) {
    const size_t colon = name.find(':');
    if (colon == std::string_view::npos) {
      out.append(name);
      return;
    }
    const std::string_view p = name.substr(0, colon);
    const std::string_view local = name.substr(colon + 1);
    if (p == "xmlns") {
      out.append("xmlns:");
      out.append(map_prefix(local));
      return;
    }
    out.append(map_prefix(p));
    out.push_back(':');
    out.append(local);
  }

  static std::string_view local_name(std::string_view name) {
    const size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
  }

  // soap-enc:arrayType="cwmp:ParameterValueStruct[3]": map the prefix, maybe break the count.
  void put_array_type(std::string_view value, bool wrong_count) {
    const size_t bracket = value.rfind('[');
    std::string_view type = bracket == std::string_view::npos ? value : value.substr(0, bracket);
    put_qname(type);
    if (bracket == std::string_view::npos) return;
    const std::string_view count = value.substr(bracket + 1, value.size() - bracket - 2);
    uint64_t n = 0;
    const auto r = std::from_chars(count.data(), count.data() + count.size(), n);
    if (!wrong_count || r.ec != std::errc() || value.back() != ']') {
      out.append(value.substr(bracket));
      return;
    }
    // One more than sent: the vendor counts something it does not send.
    out.push_back('[');
    out.append(std::to_string(n + 1));
    out.push_back(']');
  }

  static bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == ':' || c == '-' || c == '_' ||
           c == '.';
  }

  // Copies one tag starting at xml[i] == '<'; returns the index after it.
  size_t tag(std::string_view xml, size_t i) {
    if (xml.compare(i, 2, "<?") == 0 || xml.compare(i, 2, "<!") == 0) {
      const size_t end = xml.find('>', i);
      const size_t stop = end == std::string_view::npos ? xml.size() : end + 1;
      out.append(xml.substr(i, stop - i));
      return stop;
    }
    out.push_back('<');
    ++i;
    if (i < xml.size() && xml[i] == '/') {
      out.push_back('/');
      ++i;
    }
    size_t start = i;
    while (i < xml.size() && name_char(xml[i])) ++i;
    const std::string_view element = xml.substr(start, i - start);
    put_qname(element);
    const bool parameter_list = array_count_mismatch && local_name(element) == "ParameterList";
    while (i < xml.size()) {
      const char c = xml[i];
      if (c == '>') {
        out.push_back('>');
        return i + 1;
      }
      if (!name_char(c)) {
        out.push_back(c);
        ++i;
        continue;
      }
      start = i;
      while (i < xml.size() && name_char(xml[i])) ++i;
      const std::string_view attribute = xml.substr(start, i - start);
      put_qname(attribute);
      while (i < xml.size() && (xml[i] == '=' || xml[i] == ' ')) out.push_back(xml[i++]);
      if (i >= xml.size() || (xml[i] != '"' && xml[i] != '\'')) continue;
      const char quote = xml[i];
      const size_t close = xml.find(quote, i + 1);
      if (close == std::string_view::npos) {
        out.append(xml.substr(i));
        return xml.size();
      }
      const std::string_view value = xml.substr(i + 1, close - i - 1);
      out.push_back(quote);
      if (local_name(attribute) == "arrayType") {
        put_array_type(value, parameter_list);
      } else {
        out.append(value);
      }
      out.push_back(quote);
      i = close + 1;
    }
    return i;
  }

  void run(std::string_view xml) {
    out.reserve(xml.size() + 16);
    size_t i = 0;
    while (i < xml.size()) {
      const size_t lt = xml.find('<', i);
      if (lt == std::string_view::npos) {
        out.append(xml.substr(i));
        break;
      }
      out.append(xml.substr(i, lt - i));  // character data, copied as is
      i = tag(xml, lt);
    }
  }
};

bool is_reserved(std::string_view p) {
  return p == "soap-enc" || p == "xsd" || p == "xsi" || p == "xmlns" ||
         (p.size() >= 3 && (p[0] == 'x' || p[0] == 'X') && (p[1] == 'm' || p[1] == 'M') &&
          (p[2] == 'l' || p[2] == 'L'));
}

}  // namespace

bool valid_prefix(const std::string& prefix) {
  if (prefix.empty()) return false;
  const char first = prefix[0];
  if (!std::isalpha(static_cast<unsigned char>(first)) && first != '_') return false;
  for (char c : prefix) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.')
      return false;
  }
  return true;
}

std::string apply_wire_quirks(const std::string& xml, const ModelInfo& model) {
  Rewriter r;
  r.soap = kSoapEnv;
  r.cwmp = kCwmp;
  if (valid_prefix(model.soap_prefix) && !is_reserved(model.soap_prefix) &&
      model.soap_prefix != kCwmp) {
    r.soap = model.soap_prefix;
  }
  if (valid_prefix(model.cwmp_prefix) && !is_reserved(model.cwmp_prefix) &&
      model.cwmp_prefix != r.soap && model.cwmp_prefix != kSoapEnv) {
    r.cwmp = model.cwmp_prefix;
  }
  r.array_count_mismatch = model.array_count_mismatch;
  if (r.soap == kSoapEnv && r.cwmp == kCwmp && !r.array_count_mismatch) return xml;
  r.run(xml);
  return std::move(r.out);
}

}  // namespace hearth::sim::cpe
