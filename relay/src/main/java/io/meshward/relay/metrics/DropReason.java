package io.meshward.relay.metrics;

/** Why a frame from an agent was not forwarded; the tag value of the drop counter. */
public enum DropReason {
  NOT_AUTHENTICATED("not_authenticated"),
  PAIR_NOT_ALLOWED("pair_not_allowed"),
  DESTINATION_OFFLINE("destination_offline"),
  DESTINATION_BUSY("destination_busy"),
  OVERSIZE("oversize"),
  MALFORMED("malformed");

  private final String tag;

  DropReason(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }
}
