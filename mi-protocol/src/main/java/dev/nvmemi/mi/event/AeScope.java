package dev.nvmemi.mi.event;

/** AE occurrence scope, AESSI bits 3:0 (spec sheet §8.3, single source AM); 6–15 are reserved. */
public enum AeScope {
  NAMESPACE, CONTROLLER, NVM_SUBSYSTEM, MANAGEMENT_ENDPOINT, PORT, ENDURANCE_GROUP, RESERVED;

  public static AeScope fromCode(int code) {
    return code >= 0 && code < RESERVED.ordinal() ? values()[code] : RESERVED;
  }
}
