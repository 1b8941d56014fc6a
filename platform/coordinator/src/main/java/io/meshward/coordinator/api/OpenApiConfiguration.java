package io.meshward.coordinator.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes the REST API in the served OpenAPI document, including its bearer-token auth. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI meshwardOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Meshward coordinator API")
                .version("v1")
                .description(
                    "Accounts' peers, groups, setup keys, policies, tokens and audit trail. Every"
                        + " call needs a personal access token; errors are RFC 9457 problem"
                        + " documents."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "token",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("A personal access token (mwt_...)")))
        .addSecurityItem(new SecurityRequirement().addList("token"));
  }
}
