# The application image used by docker-compose.yml: built from source with the Maven wrapper.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q -DskipTests -pl app -am package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/app/target/music.jar /app/music.jar
COPY playlist.json /app/playlist.json
EXPOSE 8080
# As the benchmarks run it: the heap capped, and the memory the JIT's compiler threads freed
# handed back to the system every 5 s; resident memory stays under 600 MB with a million songs.
ENTRYPOINT ["java", "-Xmx384m", "-XX:TrimNativeHeapInterval=5000", "-jar", "/app/music.jar"]
