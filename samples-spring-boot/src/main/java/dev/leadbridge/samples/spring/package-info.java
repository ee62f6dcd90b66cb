/** A Spring Boot web application configured by the Leadbridge starter from application.yml. */
package dev.leadbridge.samples.spring;
