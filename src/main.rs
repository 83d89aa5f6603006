fn main() {
    portal_web::start();
}
