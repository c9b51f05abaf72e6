// Download (tr069.md 3.2): accept with status 1, let the engine fetch the file after the session
// (and DelaySeconds), install, reboot, and report TransferComplete with "7 TRANSFER COMPLETE" +
// "M Download" (tr069.md 3.1, 5), or the transfer fault (4.3: 9010, 9012, 9015-9018).
#include <algorithm>

#include "core/strings.h"
#include "sim/cpe/cpe_state.h"
#include "sim/cpe/firmware_name.h"
#include "sim/models.h"

namespace hearth::sim {
namespace {

constexpr std::string_view kFirmware = "1 Firmware Upgrade Image";
constexpr std::string_view kConfigFile = "3 Vendor Configuration File";
constexpr std::string_view kUnknownTime = "0001-01-01T00:00:00Z";

// The product classes of the simulator's model table.
const std::vector<std::string>& known_product_classes() {
  static const std::vector<std::string> classes = [] {
    std::vector<std::string> out;
    for (const ModelInfo& m : models()) out.push_back(m.product_class);
    return out;
  }();
  return classes;
}

}  // namespace

cwmp::Body Cpe::State::download_request(const cwmp::Download& m, int64_t now) {
  // One transfer at a time, until its TransferComplete is delivered.
  if (download || transfer) return cpe::make_fault(9004, "a download is in progress");
  if (m.file_type != kFirmware && m.file_type != kConfigFile)
    return cpe::make_fault(9003, "FileType " + m.file_type);
  const std::string scheme = to_lower(m.url.substr(0, m.url.find("://") + 3));
  if (scheme != "http://" && scheme != "https://") return cpe::make_fault(9013, m.url);
  download = std::make_unique<cpe::DownloadJob>();
  download->request = m;
  download->request.command_key = m.command_key.substr(0, 32);
  download->not_before_ms = now + int64_t{m.delay_seconds} * 1000;
  // 1: not done yet, a TransferComplete follows; the times are then the unknown time.
  return cwmp::DownloadResponse{1, std::string(kUnknownTime), std::string(kUnknownTime)};
}

std::optional<FetchRequest> Cpe::State::take_fetch() {
  if (!download || download->stage != cpe::DownloadJob::Stage::kReady) return std::nullopt;
  download->stage = cpe::DownloadJob::Stage::kFetching;
  const cwmp::Download& r = download->request;
  return FetchRequest{r.url, r.username, r.password, r.command_key};
}

void Cpe::State::download_finished(bool ok, uint64_t size, int64_t now, uint32_t fault_code) {
  if (!download || download->stage != cpe::DownloadJob::Stage::kFetching) return;
  const cwmp::Download& r = download->request;
  if (ok && r.file_size != 0 && size != r.file_size) {
    ok = false;
    fault_code = 9018;
  }
  std::string fault_string;
  // The image's header names another model: refused before flashing, as a corrupt image.
  if (ok && r.file_type == kFirmware &&
      cpe::image_for_other_model(r.url, r.target_file_name, model->product_class, known_product_classes())) {
    ok = false;
    fault_code = 9018;
    fault_string = "image not built for this model (" + model->product_class + ")";
  }
  if (!ok) {
    if (fault_code == 0) fault_code = 9010;
    if (fault_string.empty()) fault_string = cpe::fault_text(fault_code);
    transfer = std::make_unique<cpe::TransferResult>(cpe::TransferResult{
        r.command_key, fault_code, std::move(fault_string), download->start_ms, now});
    download.reset();
    cpe::add_event(events, cpe::kTransferComplete);
    cpe::add_event(events, cpe::kMDownload, transfer->command_key);
    return;
  }
  download->stage = cpe::DownloadJob::Stage::kInstalling;
  download->install_done_ms = now + std::max<int64_t>(options.download_ms, 0);
  if (r.file_type == kFirmware) {
    download->version = cpe::firmware_version_from_file(
        r.url, r.target_file_name, dm->software_version(), model->latest_firmware);
  }
}

void Cpe::State::finish_install(int64_t t) {
  std::unique_ptr<cpe::DownloadJob> job = std::move(download);
  transfer = std::make_unique<cpe::TransferResult>(
      cpe::TransferResult{job->request.command_key, 0, {}, job->start_ms, t});
  if (job->request.file_type != kFirmware) {  // a configuration file applies without a reboot
    cpe::add_event(events, cpe::kTransferComplete);
    cpe::add_event(events, cpe::kMDownload, transfer->command_key);
    return;
  }
  if (home->flaky_flash) {
    // Writing the image fails; the gateway keeps running the old one and says so.
    transfer->fault_code = 9010;
    transfer->fault_string = "flash write failed";
    cpe::add_event(events, cpe::kTransferComplete);
    cpe::add_event(events, cpe::kMDownload, transfer->command_key);
    return;
  }
  const std::string before = dm->software_version();
  dm->install_firmware(job->version);
  version_changed = dm->software_version() != before;
  transfer->complete_ms = 0;  // set when the new image has booted
  reboot(t, cpe::Shutdown::kInstall);
}

}  // namespace hearth::sim
