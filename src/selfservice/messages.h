// The troubleshooting's texts in English, German and Swedish: plain words without jargon, one
// table per language (messages_en.cc, messages_de.cc, messages_sv.cc) keyed by message id.
// Parameters are written {name} and must be the same in every language (messages_test.cc).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "selfservice/flow.h"

namespace hearth::selfservice {

using MessageTable = std::map<std::string, std::string>;

const MessageTable& messages_en();
const MessageTable& messages_de();
const MessageTable& messages_sv();
// The table of "en", "de" or "sv"; any other language gets English.
const MessageTable& message_table(const std::string& lang);

// The text in the language with its parameters filled in. An id the table lacks falls back to
// the id without its last ".variant", then to "finding.other" for findings, else the id itself.
std::string render(const Message& m, const std::string& lang);
// Sentences joined with a space.
std::string render(const std::vector<Message>& ms, const std::string& lang);

// The parameter names a text uses, sorted, without duplicates.
std::vector<std::string> message_params(const std::string& text);

}  // namespace hearth::selfservice
