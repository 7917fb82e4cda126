# Base tools: a JDK 17 and Maven (present on the build machines; installed when missing).
want javac openjdk-17-jdk-headless
want mvn maven
