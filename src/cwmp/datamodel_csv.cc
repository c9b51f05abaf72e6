#include "cwmp/datamodel_csv.h"

#include "core/strings.h"

namespace hearth::cwmp {
namespace {

// Splits one record at `pos` into fields, RFC 4180 style; advances `pos` past the record.
// Returns false on an unterminated quote.
bool read_record(std::string_view csv, size_t* pos, std::vector<std::string>* fields) {
  fields->clear();
  std::string field;
  bool quoted = false;
  size_t i = *pos;
  for (; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < csv.size() && csv[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields->push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      field.push_back(c);
    }
  }
  if (quoted) return false;
  fields->push_back(std::move(field));
  *pos = i + 1;
  return true;
}

}  // namespace

Result<std::vector<DataModelEntry>> parse_datamodel_csv(std::string_view csv) {
  std::vector<DataModelEntry> out;
  std::vector<std::string> f;
  size_t pos = 0;
  size_t line = 0;
  while (pos < csv.size()) {
    ++line;
    if (!read_record(csv, &pos, &f)) {
      return make_error(ErrorCode::kInvalidArgument, "unterminated quote on line " + std::to_string(line));
    }
    if (f.size() == 1 && f[0].empty()) continue;  // blank line
    if (f.size() != 5) {
      return make_error(ErrorCode::kInvalidArgument, "expected 5 fields on line " + std::to_string(line));
    }
    if (line == 1 && f[0] == "Parameter") continue;
    DataModelEntry e;
    e.is_object = iequals(f[1], "true");
    e.writable = iequals(f[2], "true");
    e.name = std::move(f[0]);
    if (e.is_object) {
      if (!ends_with(e.name, ".")) e.name.push_back('.');
    } else {
      e.value = std::move(f[3]);
      e.type = parse_value_type(f[4]).value_or(ValueType::kString);
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace hearth::cwmp
