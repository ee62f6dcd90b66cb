package dev.leadbridge.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot web application using the Leadbridge starter: its only Leadbridge setup is the
 * {@code leadbridge.connections.*} block of {@code application.yml}. The starter gives it the
 * {@link dev.leadbridge.client.LeadbridgeClient} that {@link NewestLeadsController} uses, the connections' meters at
 * {@code /actuator/metrics} and their health at {@code /actuator/health}, a copy of every lead in its own database
 * (the store on its DataSource, synced every 15 minutes) and PollyBot's webhooks at {@code POST /webhooks/polly}.
 *
 * <p>Run it with the keys in environment variables:
 * <pre>
 * ACME_API_KEY=... POLLY_API_KEY=... POLLY_WEBHOOK_SECRET=... java -jar leadbridge-samples-spring-boot.jar
 * curl localhost:8080/leads/newest?limit=5
 * curl localhost:8080/actuator/health
 * </pre>
 */
@SpringBootApplication
public class LeadsApplication {

    /** Created by Spring. */
    public LeadsApplication() {
    }

    /** Starts the application. */
    public static void main(String[] args) {
        SpringApplication.run(LeadsApplication.class, args);
    }
}
