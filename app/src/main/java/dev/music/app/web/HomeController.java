package dev.music.app.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /}: a browser that opens the service's address is sent to the API's documentation. */
@RestController
class HomeController {

    static final String API_DOCS = "/swagger-ui.html";

    @Hidden
    @GetMapping("/")
    ResponseEntity<Void> home() {
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, API_DOCS)
                .build();
    }
}
